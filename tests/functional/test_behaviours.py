"""Fault injection through the real ``nova`` and ``nova-api``: each behaviour fires as armed, on
two workers, on two processes sharing PostgreSQL, and clears."""

import concurrent.futures
import os
import subprocess
import sys
import time

import pytest

from tests.conftest import api_pair_on_postgresql
from tests.functional import server as server_mod

pytestmark = pytest.mark.functional

NOVA = os.path.join(os.path.dirname(sys.executable), 'nova')
CONFIG = '[compute]\nbuild_time = 0.3\naction_time = 0.2\npoll_interval = 0.02\n'
NO_VALID_HOST = 'No valid host was found. There are not enough hosts available.'


@pytest.fixture(scope='module')
def srv(tmp_path_factory):
    api = server_mod.start_api(tmp_path_factory.mktemp('nova-behaviours'), config_text=CONFIG,
                               workers=2)
    yield api
    api.stop()


@pytest.fixture(scope='module')
def token(srv):
    return srv.token()


@pytest.fixture(scope='module')
def image(srv):
    return srv.session().get('/v2/images?name=cirros',
                             endpoint_filter={'service_type': 'image'}).json()['images'][0]['id']


def nova(srv, *args, code=0):
    proc = subprocess.run([NOVA] + list(args), env=dict(srv.env(), COLUMNS='200'),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == code, 'nova %s -> %d\n%s\n%s' % (
        ' '.join(args), proc.returncode, proc.stdout, proc.stderr)
    return proc


def table(text):
    return [[cell.strip() for cell in line[1:-1].split('|')]
            for line in text.splitlines() if line.startswith('|')]


def arm(srv, *args):
    """``nova behaviour-create`` -> its Property/Value rows as a dict."""
    return dict(table(nova(srv, 'behaviour-create', *args).stdout)[1:])


def boot(srv, token, image, name, flavor='1'):
    resp = srv.compute('POST', '/servers', token, version='2.37', json={'server': {
        'name': name, 'imageRef': image, 'flavorRef': flavor, 'networks': 'auto'}})
    assert resp.status_code == 202, resp.text
    return resp.json()['server']['id']


def wait(srv, token, server_id, done, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        server = srv.compute('GET', '/servers/' + server_id, token, version='2.96').json()['server']
        if done(server):
            return server
        time.sleep(0.05)
    raise AssertionError('%s stayed %s/%s' % (server_id, server['status'],
                                              server['OS-EXT-STS:task_state']))


def settled(server):
    return server['status'] in ('ACTIVE', 'ERROR', 'SHUTOFF') and not server['OS-EXT-STS:task_state']


def test_api_faults_fire_exactly_count_times_across_workers_and_clear(srv, token):
    armed = arm(srv, 'api-fault', '--method', 'GET', '--path', '/flavors/detail', '--status',
                '503', '--message', 'try again later', '--count', '4')
    assert (armed['kind'], armed['remaining'], armed['fired']) == ('api-fault', '4', '0')
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: srv.compute('GET', '/flavors/detail', token), range(12)))
    faults = [a.json() for a in answers if a.status_code == 503]
    assert len(faults) == 4 and sum(a.status_code == 200 for a in answers) == 8
    assert faults[0] == {'serviceUnavailable': {'code': 503, 'message': 'try again later'}}
    listed = table(nova(srv, 'behaviour-list').stdout)
    assert listed[0] == ['Id', 'Kind', 'Match', 'Effect', 'Count', 'Remaining', 'Fired']
    assert listed[1][1:] == ['api-fault', 'method=GET, path=/flavors/detail',
                             'status=503, message=try again later', '4', '0', '4']
    # The CLI meets an armed fault as a user would: an error line and exit status 1.
    arm(srv, 'api-fault', '--path', '/flavors*', '--status', '500', '--count', '1')
    failed = nova(srv, 'flavor-list', code=1)
    assert failed.stderr.startswith('ERROR (ClientException): Unexpected API Error.'), failed.stderr
    nova(srv, 'flavor-list')
    # A delay alone: the request waits, then is answered as usual.
    slow = arm(srv, 'api-fault', '--path', '/os-availability-zone', '--delay', '1')
    start = time.monotonic()
    assert srv.compute('GET', '/os-availability-zone', token).status_code == 200
    assert time.monotonic() - start >= 1
    nova(srv, 'behaviour-delete', slow['id'])
    nova(srv, 'behaviour-delete', '--all')
    assert table(nova(srv, 'behaviour-list').stdout)[1:] == []


def test_build_behaviours_fire_as_armed_and_clear(srv, token, image):
    arm(srv, 'build-fail', '--name', 'bf-*', '--status', '503', '--message', 'disk on fire',
        '--count', '2')
    arm(srv, 'no-valid-host', '--flavor', 'm1.small', '--count', '1')
    stuck = arm(srv, 'build-stuck', '--name', 'stuck-*')
    arm(srv, 'build-slow', '--name', 'slow-*', '--delay', '2', '--count', '1')
    failing = [boot(srv, token, image, 'bf-%d' % i) for i in range(3)]
    nvh = [boot(srv, token, image, 'nvh-%d' % i, flavor='2') for i in range(2)]
    held = boot(srv, token, image, 'stuck-1')
    slow = boot(srv, token, image, 'slow-1')
    started = time.monotonic()
    results = [wait(srv, token, sid, settled) for sid in failing]
    assert sorted(s['status'] for s in results) == ['ACTIVE', 'ERROR', 'ERROR']
    assert {(s['fault']['code'], s['fault']['message']) for s in results if 'fault' in s} == {
        (503, 'disk on fire')}
    results = [wait(srv, token, sid, settled) for sid in nvh]
    assert sorted(s['status'] for s in results) == ['ACTIVE', 'ERROR']
    assert [s['fault']['message'] for s in results if 'fault' in s] == [NO_VALID_HOST]
    server = wait(srv, token, slow, settled)
    assert server['status'] == 'ACTIVE' and time.monotonic() - started >= 1.5
    server = srv.compute('GET', '/servers/' + held, token, version='2.96').json()['server']
    assert (server['status'], server['OS-EXT-STS:task_state']) == ('BUILD', 'spawning')
    nova(srv, 'behaviour-delete', stuck['id'])
    assert wait(srv, token, held, settled)['status'] == 'ACTIVE'
    nova(srv, 'behaviour-delete', '--all')
    for sid in failing + nvh + [held, slow]:
        nova(srv, 'delete', sid)


def test_action_and_host_behaviours_fire_and_clear(srv, token, image):
    first, second = boot(srv, token, image, 'act-1'), boot(srv, token, image, 'act-2')
    for sid in (first, second):
        wait(srv, token, sid, settled)
    arm(srv, 'action-fail', '--action', 'stop', '--name', 'act-1', '--message', 'guest refused',
        '--count', '1')
    hang = arm(srv, 'action-hang', '--action', 'stop', '--name', 'act-2')
    nova(srv, 'stop', 'act-1', 'act-2')
    server = wait(srv, token, first, settled)
    assert server['status'] == 'ACTIVE'
    actions = nova(srv, 'instance-action-list', 'act-1').stdout
    assert 'stop' in actions
    time.sleep(0.5)
    server = srv.compute('GET', '/servers/' + second, token, version='2.96').json()['server']
    assert server['OS-EXT-STS:task_state'] == 'powering-off'
    nova(srv, 'stop', 'act-1')
    assert wait(srv, token, first, settled)['status'] == 'SHUTOFF'
    nova(srv, 'behaviour-delete', hang['id'])
    assert wait(srv, token, second, settled)['status'] == 'SHUTOFF'

    down = arm(srv, 'host-down', '--host', 'compute1')
    services = table(nova(srv, 'service-list', '--binary', 'nova-compute').stdout)
    state = {row[2]: row[5] for row in services[1:]}
    assert state == {'compute1': 'down', 'compute2': 'up'}, services
    placed = boot(srv, token, image, 'act-3')
    server = wait(srv, token, placed, settled)
    assert server['OS-EXT-SRV-ATTR:host'] == 'compute2'
    nova(srv, 'behaviour-delete', down['id'])
    services = table(nova(srv, 'service-list', '--binary', 'nova-compute').stdout)
    assert {row[5] for row in services[1:]} == {'up'}
    for sid in (first, second, placed):
        nova(srv, 'delete', sid)


def test_non_admins_cannot_arm(srv):
    proc = subprocess.run([NOVA, 'behaviour-list'], env=srv.env(srv.demo_openrc),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and 'ERROR (Forbidden)' in proc.stderr, proc.stderr


@pytest.fixture
def pair(tmp_path):
    yield from api_pair_on_postgresql(tmp_path, CONFIG)


def test_two_processes_on_postgresql_share_every_behaviour(pair):
    first, second = pair
    token = first.token()
    image = first.session().get('/v2/images?name=cirros',
                                endpoint_filter={'service_type': 'image'}).json()['images'][0]['id']
    arm(first, 'api-fault', '--path', '/os-keypairs', '--status', '429', '--count', '5')
    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        codes = list(pool.map(lambda i: (first, second)[i % 2].compute(
            'GET', '/os-keypairs', token).status_code, range(20)))
    assert sorted(codes) == [200] * 15 + [429] * 5

    arm(second, 'build-fail', '--count', '2')
    ids = [boot((first, second)[i % 2], token, image, 'twin-%d' % i) for i in range(6)]
    statuses = [wait(first, token, sid, settled)['status'] for sid in ids]
    assert sorted(statuses) == ['ACTIVE'] * 4 + ['ERROR'] * 2

    active = [sid for sid, status in zip(ids, statuses) if status == 'ACTIVE']
    hang = arm(first, 'action-hang', '--action', 'stop')
    assert first.compute('POST', '/servers/%s/action' % active[0], token,
                         json={'os-stop': None}).status_code == 202
    time.sleep(0.5)
    server = second.compute('GET', '/servers/' + active[0], token, version='2.96').json()['server']
    assert server['OS-EXT-STS:task_state'] == 'powering-off'
    nova(second, 'behaviour-delete', hang['id'])
    assert wait(second, token, active[0], settled)['status'] == 'SHUTOFF'

    for sid in ids:     # room in the project's quota of 10 instances
        assert first.compute('DELETE', '/servers/' + sid, token).status_code == 204
    for sid in ids:
        deadline = time.monotonic() + 30
        while (second.compute('GET', '/servers/' + sid, token).status_code != 404
               and time.monotonic() < deadline):
            time.sleep(0.05)

    # The other five kinds, each armed on one process and met through the other.
    stuck = arm(second, 'build-stuck', '--name', 'held-*')
    arm(first, 'build-slow', '--name', 'late-*', '--delay', '2', '--count', '1')
    arm(second, 'no-valid-host', '--name', 'nvh-*', '--count', '1')
    held = boot(first, token, image, 'held-1')
    started = time.monotonic()
    late = boot(second, token, image, 'late-1')
    nvh = [boot(node, token, image, 'nvh-%d' % i) for i, node in enumerate((first, second))]
    results = [wait(first, token, sid, settled) for sid in nvh]
    assert sorted(s['status'] for s in results) == ['ACTIVE', 'ERROR']
    assert [s['fault']['message'] for s in results if 'fault' in s] == [NO_VALID_HOST]
    assert wait(first, token, late, settled)['status'] == 'ACTIVE'
    assert time.monotonic() - started >= 1.5
    server = first.compute('GET', '/servers/' + held, token, version='2.96').json()['server']
    assert (server['status'], server['OS-EXT-STS:task_state']) == ('BUILD', 'spawning')
    nova(first, 'behaviour-delete', stuck['id'])
    assert wait(second, token, held, settled)['status'] == 'ACTIVE'

    arm(second, 'action-fail', '--action', 'stop', '--name', 'late-1', '--count', '1')
    for expected in ('ACTIVE', 'SHUTOFF'):
        assert first.compute('POST', '/servers/%s/action' % late, token,
                             json={'os-stop': None}).status_code == 202
        time.sleep(0.1)
        assert wait(second, token, late, settled)['status'] == expected

    down = arm(first, 'host-down', '--host', 'compute1')
    services = table(nova(second, 'service-list', '--binary', 'nova-compute').stdout)
    assert {row[2]: row[5] for row in services[1:]} == {'compute1': 'down', 'compute2': 'up'}
    placed = boot(second, token, image, 'placed-1')
    assert wait(first, token, placed, settled)['OS-EXT-SRV-ATTR:host'] == 'compute2'
    nova(second, 'behaviour-delete', down['id'])
    services = table(nova(first, 'service-list', '--binary', 'nova-compute').stdout)
    assert {row[5] for row in services[1:]} == {'up'}

    nova(first, 'behaviour-delete', '--all')
    assert second.compute('GET', '/_sim/behaviours', token).json() == {'behaviours': []}
