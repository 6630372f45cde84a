"""Operator APIs on the real nova-api: force a compute service down and evacuate its server,
hypervisor figures following a boot, and the installed ``nova`` operator commands."""

import os
import subprocess
import sys
import time

import pytest

from tests.functional import server as server_mod

pytestmark = pytest.mark.functional

NOVA = os.path.join(os.path.dirname(sys.executable), 'nova')
CONFIG = '[compute]\nbuild_time = 0.2\naction_time = 0.1\nreport_interval = 0.5\n'


@pytest.fixture(scope='module')
def srv(tmp_path_factory):
    api = server_mod.start_api(tmp_path_factory.mktemp('nova-operator'), config_text=CONFIG)
    yield api
    api.stop()


@pytest.fixture(scope='module')
def token(srv):
    return srv.token()


def nova(srv, *args, code=0):
    env = dict(srv.env(), COLUMNS='80')
    proc = subprocess.run([NOVA] + list(args), env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == code, 'nova %s -> %d\n%s\n%s' % (' '.join(args), proc.returncode, proc.stdout,
                                                              proc.stderr)
    return proc.stdout


def rows(text):
    return [[cell.strip() for cell in line[1:-1].split('|')] for line in text.splitlines() if line.startswith('|')]


def call(srv, token, method, path, version='2.96', status=200, **kwargs):
    resp = srv.compute(method, path, token=token, version=version, **kwargs)
    assert resp.status_code == status, resp.text
    return resp.json() if resp.content else None


def wait_for(srv, token, uuid, status, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        server = call(srv, token, 'GET', '/servers/' + uuid)['server']
        if server['status'] == status and server['OS-EXT-STS:task_state'] is None:
            return server
        time.sleep(0.1)
    raise AssertionError('%s never became %s: %s' % (uuid, status, server))


def boot(srv, token, name, **extra):
    import requests
    images = requests.get(srv.image_url + '/v2/images?name=cirros', headers={'X-Auth-Token': token},
                          timeout=30).json()['images']
    body = {'server': dict({'name': name, 'imageRef': images[0]['id'], 'flavorRef': '1',
                            'networks': 'auto'}, **extra)}
    uuid = call(srv, token, 'POST', '/servers', json=body, status=202)['server']['id']
    return wait_for(srv, token, uuid, 'ACTIVE')


def hypervisors(srv, token):
    found = call(srv, token, 'GET', '/os-hypervisors/detail', version='2.87')['hypervisors']
    return {h['hypervisor_hostname']: h for h in found}


def test_hypervisor_figures_follow_a_boot(srv, token):
    before = hypervisors(srv, token)
    server = boot(srv, token, 'figures')
    host = server['OS-EXT-SRV-ATTR:host']
    after = hypervisors(srv, token)
    assert after[host]['running_vms'] == before[host]['running_vms'] + 1
    assert after[host]['vcpus_used'] == before[host]['vcpus_used'] + 1
    assert after[host]['memory_mb_used'] == before[host]['memory_mb_used'] + 512
    out = nova(srv, '--os-compute-api-version', '2.87', 'hypervisor-show', str(after[host]['id']))
    shown = {r[0]: r[1] for r in rows(out)[1:]}
    assert shown['running_vms'] == str(after[host]['running_vms'])
    listed = rows(nova(srv, 'hypervisor-list'))
    assert [r[1] for r in listed[1:]] == ['compute1', 'compute2']
    servers = rows(nova(srv, 'hypervisor-servers', host))
    assert server['id'] in [r[0] for r in servers[1:]]
    call(srv, token, 'DELETE', '/servers/' + server['id'], status=204)


def test_force_down_then_evacuate(srv, token):
    server = boot(srv, token, 'evacuee', availability_zone='nova:compute1')
    assert server['OS-EXT-SRV-ATTR:host'] == 'compute1'
    resp = srv.compute('POST', '/servers/%s/action' % server['id'], token=token, json={'evacuate': {}},
                       headers={'OpenStack-API-Version': 'compute 2.96'})
    assert resp.status_code == 400 and 'compute1' in resp.json()['badRequest']['message']
    listed = rows(nova(srv, 'service-list', '--binary', 'nova-compute', '--host', 'compute1'))
    service_id = listed[1][0]
    out = rows(nova(srv, 'service-force-down', service_id))
    assert out[1] == [service_id, 'compute1', 'nova-compute', 'True']
    state = rows(nova(srv, 'service-list', '--host', 'compute1'))[1]
    assert (state[5], state[8]) == ('down', 'True')
    # NOTE: from 2.95 an evacuated server ends stopped; 2.94 keeps it running.
    out = rows(nova(srv, '--os-compute-api-version', '2.94', 'host-evacuate', 'compute1', '--strict'))
    assert out[1] == [server['id'], 'True', '']
    moved = wait_for(srv, token, server['id'], 'ACTIVE')
    assert moved['OS-EXT-SRV-ATTR:host'] == 'compute2'
    migrations = call(srv, token, 'GET', '/os-migrations?instance_uuid=%s' % server['id'])['migrations']
    assert [(m['migration_type'], m['source_compute'], m['dest_compute']) for m in migrations] == [
        ('evacuation', 'compute1', 'compute2')]
    assert migrations[0]['status'] in ('done', 'completed')
    # The host can be forced up once its (simulated) nova-compute has moved the `done`
    # evacuation record to `completed`, which its next heartbeat does.
    deadline = time.time() + 10
    while True:
        env = dict(srv.env(), COLUMNS='80')
        proc = subprocess.run([NOVA, 'service-force-down', '--unset', service_id], env=env,
                              capture_output=True, text=True, timeout=120)
        if proc.returncode == 0 or time.time() > deadline:
            break
        assert 'Unable to force up host compute1 as `done` evacuation migration records' in proc.stderr
        time.sleep(0.2)
    assert proc.returncode == 0, proc.stderr
    assert rows(nova(srv, 'service-list', '--host', 'compute1'))[1][5] == 'up'
    call(srv, token, 'DELETE', '/servers/' + server['id'], status=204)


def test_disable_enable_and_aggregates_from_the_cli(srv, token):
    compute2 = rows(nova(srv, 'service-list', '--host', 'compute2'))[1][0]
    nova(srv, 'service-disable', compute2, '--reason', 'maintenance')
    assert rows(nova(srv, 'service-list', '--host', 'compute2'))[1][4:8:3] == ['disabled', 'maintenance']
    server = boot(srv, token, 'placed')
    assert server['OS-EXT-SRV-ATTR:host'] == 'compute1'
    nova(srv, 'service-enable', compute2)
    out = rows(nova(srv, 'aggregate-create', 'agg1', 'london'))
    assert out[1][1:3] == ['agg1', 'london']
    out = nova(srv, 'aggregate-add-host', 'agg1', 'compute2')
    assert out.splitlines()[0].startswith('Host compute2 has been successfully added for aggregate')
    zones = call(srv, token, 'GET', '/os-availability-zone')['availabilityZoneInfo']
    assert sorted(z['zoneName'] for z in zones) == ['london', 'nova']
    london = boot(srv, token, 'in-london', availability_zone='london')
    assert london['OS-EXT-SRV-ATTR:host'] == 'compute2'
    assert rows(nova(srv, 'aggregate-show', 'agg1'))[1][3] == "'compute2'"
    nova(srv, 'aggregate-delete', 'agg1', code=1)
    usage = rows(nova(srv, 'usage-list'))
    assert len(usage) == 2 and int(usage[1][1]) >= 2
    audit = nova(srv, 'instance-usage-audit-log')
    assert 'hosts_not_run' in audit
    stats = {r[0]: r[1] for r in rows(nova(srv, '--os-compute-api-version', '2.87', 'hypervisor-stats'))[1:]}
    assert stats['count'] == '2'
