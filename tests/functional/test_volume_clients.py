"""The embedded block-storage service and Nova's use of it, driven by real clients:
openstackclient, openstacksdk, python-novaclient and an Ansible playbook of openstack.cloud
volume, server_volume and server (polling goes over plain HTTP)."""

import json
import sys
import time
import uuid

import pytest

from tests.functional import conftest as fconftest
from tests.functional import server as server_mod
from tests.functional.test_real_clients import run
from tests.functional.test_real_clients import table_rows

pytestmark = pytest.mark.functional

CONFIG = ('[compute]\nbuild_time = 0.2\naction_time = 0.1\npoll_interval = 0.02\n'
          '[volume]\nstatus_delay = 0.1\n')


@pytest.fixture(scope='module')
def cloud(tmp_path_factory):
    srv = server_mod.start_api(tmp_path_factory.mktemp('volumes'), config_text=CONFIG, workers=2)
    yield srv
    srv.stop()


@pytest.fixture(scope='module')
def sdk_venv():
    # NOTE: the Ansible venv carries openstacksdk.
    return fconftest.real_venv('ansible')


class Rest:
    """The demo project's block-storage and compute endpoints over keystoneauth1 (cheap polls)."""

    def __init__(self, cloud):
        from keystoneauth1 import adapter
        sess = cloud.session(cloud.demo_openrc)
        self.volume = adapter.Adapter(sess, service_type='volumev3', interface='public',
                                      raise_exc=False)
        self.compute = adapter.Adapter(sess, service_type='compute', interface='public',
                                       raise_exc=False, default_microversion='2.96')

    def find(self, name_or_id, kind='volumes'):
        items = self.volume.get('/%s/detail' % kind).json()[kind]
        return next((v for v in items if name_or_id in (v['id'], v['name'])), None)

    def wait(self, name_or_id, status, kind='volumes', timeout=30):
        """The volume (or snapshot) once in ``status``; None once gone when ``status`` is None."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.find(name_or_id, kind)
            if (found or {}).get('status') == status or (found is None and status is None):
                return found
            assert time.monotonic() < deadline, found
            time.sleep(0.05)

    def create_volume(self, **volume):
        made = self.volume.post('/volumes', json={'volume': volume}).json()['volume']
        return self.wait(made['id'], 'available')

    def boot(self, name):
        body = {'name': name, 'flavorRef': '1', 'networks': 'auto',
                'imageRef': self._cirros()}
        server_id = self.compute.post('/servers', json={'server': body}).json()['server']['id']
        deadline = time.monotonic() + 30
        while self.compute.get('/servers/' + server_id).json()['server']['status'] != 'ACTIVE':
            assert time.monotonic() < deadline
            time.sleep(0.05)
        return server_id

    def _cirros(self):
        from keystoneauth1 import adapter
        images = adapter.Adapter(self.volume.session, service_type='image', interface='public')
        return images.get('/v2/images?name=cirros').json()['images'][0]['id']


@pytest.fixture(scope='module')
def rest(cloud):
    return Rest(cloud)


def _osc(venv, env, *args, check=True):
    proc = run(venv, 'openstack', list(args), env, check=check)
    return json.loads(proc.stdout) if check and '-f' in args else proc


def test_openstackclient_volumes_snapshots_and_servers(cloud, rest, openstackclient_venv):
    env, venv = cloud.env(cloud.demo_openrc), openstackclient_venv
    name = 'osc-' + uuid.uuid4().hex[:6]
    made = _osc(venv, env, 'volume', 'create', '--size', '1', name, '-f', 'json')
    assert (made['status'], made['size'], made['type']) == ('creating', 1, '__DEFAULT__')
    from_image = _osc(venv, env, 'volume', 'create', '--size', '1', '--image', 'cirros',
                      name + '-img', '-f', 'json')
    assert from_image['bootable'] in (True, 'true')
    rest.wait(name, 'available')
    snap = _osc(venv, env, 'volume', 'snapshot', 'create', '--volume', name, name + '-snap',
                '-f', 'json')
    assert snap['volume_id'] == made['id']
    rest.wait(name + '-snap', 'available', kind='snapshots')
    clone = _osc(venv, env, 'volume', 'create', '--snapshot', name + '-snap', name + '-clone',
                 '-f', 'json')
    assert clone['snapshot_id'] == snap['id'] and clone['size'] == 1

    server_id = rest.boot(name + '-vm')
    _osc(venv, env, 'server', 'add', 'volume', server_id, name)
    assert rest.wait(name, 'in-use')['attachments'][0]['server_id'] == server_id
    busy = _osc(venv, env, 'volume', 'delete', name + '-clone', name, check=False)
    assert busy.returncode != 0 and 'Invalid volume' in busy.stderr
    _osc(venv, env, 'server', 'remove', 'volume', server_id, name)
    rest.wait(name, 'available')

    bfv = _osc(venv, env, 'server', 'create', '--image', 'cirros', '--flavor', 'm1.tiny',
               '--network', 'private', '--boot-from-volume', '1', '--wait', name + '-bfv',
               '-f', 'json')
    assert bfv['status'] == 'ACTIVE' and bfv['image'] == 'N/A (booted from volume)'
    (root,) = bfv['volumes_attached']
    assert rest.find(root['id'])['status'] == 'in-use'
    # --purge deletes the volume's snapshot with it (cascade).
    _osc(venv, env, 'volume', 'delete', '--purge', name)
    rest.wait(name, None)
    assert rest.find(name + '-snap', kind='snapshots') is None


SDK_SCRIPT = '''
import json, sys, time
import openstack
env = json.loads(sys.argv[1])
conn = openstack.connect(auth_url=env['OS_AUTH_URL'], username=env['OS_USERNAME'],
                         password=env['OS_PASSWORD'], project_name=env['OS_PROJECT_NAME'],
                         user_domain_name='Default', project_domain_name='Default',
                         region_name='RegionOne')
name = sys.argv[2]
volume = conn.create_volume(size=1, name=name, wait=True, timeout=60)
created = volume.status
image = conn.get_image('cirros')
server = conn.create_server(name, image=image, flavor='m1.tiny', network='private', wait=True,
                            timeout=60, auto_ip=False)
attachment = conn.attach_volume(server, volume, wait=True, timeout=60)
in_use = conn.get_volume(volume.id).status
conn.detach_volume(server, volume, wait=True, timeout=60)
detached = conn.get_volume(volume.id).status
bfv = conn.create_server(name + '-bfv', image=image, flavor='m1.tiny', network='private',
                         boot_from_volume=True, volume_size=1, terminate_volume=True,
                         wait=False, auto_ip=False)
bfv = conn.wait_for_server(bfv, timeout=60, auto_ip=False)
root = [v['id'] for v in bfv.volumes]
conn.delete_server(bfv.id, wait=True, timeout=60)
for _ in range(200):
    if conn.get_volume(root[0]) is None:
        break
    time.sleep(0.05)
print(json.dumps({'volume': created, 'device': attachment.device, 'in_use': in_use,
                  'detached': detached, 'bfv': bfv.status, 'root': root,
                  'root_gone': conn.get_volume(root[0]) is None}))
'''


def test_openstacksdk_create_attach_and_volume_backed_server(cloud, sdk_venv, tmp_path):
    script = tmp_path / 'sdk.py'
    script.write_text(SDK_SCRIPT)
    bare = {k: v for k, v in cloud.env().items() if not k.startswith('OS_')}
    out = run(sdk_venv, 'python', [str(script), json.dumps(cloud.demo_openrc),
                                   'sdk-' + uuid.uuid4().hex[:6]], bare).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result == dict(result, volume='available', device='/dev/vdb', in_use='in-use',
                          detached='available', bfv='ACTIVE', root_gone=True)
    assert len(result['root']) == 1


@pytest.fixture(params=['python-novaclient', 'ours'])
def nova_client(request):
    """The venv whose ``nova`` runs: python-novaclient 18.x's, or ours (this interpreter's)."""
    if request.param == 'ours':
        return sys.prefix
    return request.getfixturevalue('novaclient_venv')


def test_nova_volume_commands(cloud, rest, nova_client):
    """The same session with python-novaclient and with our ``nova``: same tables, same errors."""
    novaclient_venv = nova_client
    # python-novaclient stops at 2.96 (ours negotiates 2.104, where an attach has no body)
    env = dict(cloud.env(cloud.demo_openrc), OS_COMPUTE_API_VERSION='2.96')
    name = 'nc-' + uuid.uuid4().hex[:6]
    volume = rest.create_volume(size=1, name=name, imageRef=rest._cirros())
    server_id = rest.boot(name + '-vm')
    shown = dict(row for row in table_rows(run(novaclient_venv, 'nova', [
        'volume-attach', server_id, volume['id']], env).stdout)[1:])
    assert (shown['device'], shown['volumeId']) == ('/dev/vdb', volume['id'])
    rows = table_rows(run(novaclient_venv, 'nova', ['--os-compute-api-version', '2.89',
                                                    'volume-attachments', server_id],
                          env).stdout)
    assert rows[0][:3] == ['DEVICE', 'SERVER ID', 'VOLUME ID'] and rows[1][2] == volume['id']
    missing = str(uuid.uuid4())
    gone = run(novaclient_venv, 'nova', ['volume-attach', server_id, missing], env, check=False)
    assert 'ERROR (NotFound): Volume %s could not be found. (HTTP 404)' % missing in gone.stderr
    run(novaclient_venv, 'nova', ['volume-detach', server_id, volume['id']], env)
    rest.wait(name, 'available')
    run(novaclient_venv, 'nova', ['boot', '--flavor', 'm1.tiny', '--boot-volume', volume['id'],
                                  '--nic', 'net-name=private', '--poll', name + '-bv'], env)
    assert rest.wait(name, 'in-use')['attachments'][0]['device'] == '/dev/vda'
    # --block-device: a root volume made from the image, removed with the server
    booted = run(novaclient_venv, 'nova', [
        'boot', '--flavor', 'm1.tiny', '--nic', 'net-name=private', '--poll', '--block-device',
        'source=image,id=%s,dest=volume,size=1,bootindex=0,shutdown=remove' % rest._cirros(),
        name + '-bd'], env)
    server_id = dict(row for row in table_rows(booted.stdout)[1:])['id']
    server = rest.compute.get('/servers/' + server_id).json()['server']
    (root,) = server['os-extended-volumes:volumes_attached']
    assert root['delete_on_termination'] is True and server['image'] == ''
    made = rest.wait(root['id'], 'in-use')
    assert (made['size'], made['bootable'], made['attachments'][0]['device']) == (1, 'true',
                                                                                '/dev/vda')
    run(novaclient_venv, 'nova', ['delete', server_id], env)
    assert rest.wait(root['id'], None) is None


def test_our_nova_attach_update_detach_at_the_latest_version(cloud, rest):
    """At 2.101+ an attach answers 202 with no body: our ``nova`` shows what it asked for.
    ``volume-update`` (admin) gets Nova's refusal outside a Cinder migration; detach."""
    ours = sys.prefix
    env = cloud.env(cloud.demo_openrc)
    name = 'sw-' + uuid.uuid4().hex[:6]
    first = rest.create_volume(size=1, name=name + '-a')
    second = rest.create_volume(size=1, name=name + '-b')
    server_id = rest.boot(name + '-vm')
    shown = dict(row for row in table_rows(run(ours, 'nova', [
        'volume-attach', server_id, first['id']], env).stdout)[1:])
    assert shown == {'serverId': server_id, 'volumeId': first['id']}
    rest.wait(name + '-a', 'in-use')
    # Nova 34 swaps only while Cinder migrates the volume; asked directly, it refuses
    refused = run(ours, 'nova', ['volume-update', server_id, first['id'], second['id']],
                  cloud.env(), check=False)
    assert refused.returncode == 1
    assert refused.stderr.startswith(
        'ERROR (Conflict): volume %s is not migrating; this API should only be called by '
        'Cinder (HTTP 409)' % first['id']), refused.stderr
    rows = table_rows(run(ours, 'nova', ['volume-attachments', server_id], env).stdout)
    assert [row[rows[0].index('VOLUME ID')] for row in rows[1:]] == [first['id']]
    run(ours, 'nova', ['volume-detach', server_id, first['id']], env)
    rest.wait(name + '-a', 'available')


PLAYBOOK = '''
- hosts: localhost
  gather_facts: false
  tasks:
    - name: a data volume
      openstack.cloud.volume:
        cloud: ci
        name: {name}-data
        size: 1
        wait: true
    - name: a server
      openstack.cloud.server:
        cloud: ci
        name: {name}-vm
        image: cirros
        flavor: m1.tiny
        network: private
        security_groups: [default]
        auto_ip: false
        wait: true
        timeout: 60
    - name: the volume on the server
      openstack.cloud.server_volume:
        cloud: ci
        server: {name}-vm
        volume: {name}-data
        wait: true
    - name: a server booted from a volume
      openstack.cloud.server:
        cloud: ci
        name: {name}-bfv
        image: cirros
        flavor: m1.tiny
        network: private
        security_groups: [default]
        boot_from_volume: true
        volume_size: 1
        terminate_volume: true
        auto_ip: false
        wait: true
        timeout: 60
      register: bfv
    - name: the data volume
      openstack.cloud.volume_info:
        cloud: ci
        name: {name}-data
      register: info
    - assert:
        that:
          - info.volumes[0].status == 'in-use'
          - bfv.server.volumes | length == 1
'''


def test_ansible_playbook_twice_second_run_changes_nothing(cloud, sdk_venv, tmp_path):
    playbook = PLAYBOOK.format(name='ans-' + uuid.uuid4().hex[:6])
    first, second = fconftest.ansible_play_twice(sdk_venv, cloud, tmp_path, playbook)
    assert 'failed=0' in first and 'changed=4' in first, first
    assert 'failed=0' in second and 'changed=0' in second, second
