"""Servers against the real nova-api: keystoneauth1 sessions, the state machine, lists, key sets."""

import json
import os
import time

import pytest

from tests.functional import server as server_mod

SAMPLES = os.path.join(os.path.dirname(__file__), os.pardir, 'data', 'api-samples', 'servers')
CONFIG = ('[compute]\nbuild_time = 0.2\naction_time = 0.1\npoll_interval = 0.02\nhost_vcpus = 64\n'
          '[quota]\ninstances = 60\ncores = 200\nram = 1000000\n')


@pytest.fixture(scope='module')
def nova(tmp_path_factory):
    srv = server_mod.start_api(tmp_path_factory.mktemp('servers'), config_text=CONFIG, workers=2)
    yield srv
    srv.stop()


@pytest.fixture(scope='module')
def demo(nova):
    return Client(nova, nova.demo_openrc)


@pytest.fixture(scope='module')
def admin(nova):
    return Client(nova, nova.admin_openrc)


class Client:
    """A keystoneauth1 adapter on the compute endpoint, the way novaclient talks."""

    def __init__(self, nova, openrc):
        from keystoneauth1 import adapter
        self.nova = nova
        self.adapter = adapter.Adapter(nova.session(openrc), service_type='compute',
                                       interface='public')

    def call(self, method, path, version='2.96', **kwargs):
        headers = {'OpenStack-API-Version': 'compute %s' % version}
        return self.adapter.request(path, method, headers=headers, raise_exc=False, **kwargs)

    def image_id(self):
        resp = self.adapter.get(self.nova.image_url + '/v2/images?name=cirros', raise_exc=False)
        return resp.json()['images'][0]['id']

    def boot(self, name='vm', wait=True, **extra):
        body = {'name': name, 'imageRef': self.image_id(), 'flavorRef': '1', 'networks': 'auto'}
        body.update(extra)
        resp = self.call('POST', '/servers', json={'server': body})
        assert resp.status_code == 202, resp.text
        uuid = resp.json()['server']['id']
        if wait:
            self.wait(uuid, 'ACTIVE')
        return uuid

    def get(self, uuid, version='2.96'):
        return self.call('GET', '/servers/' + uuid, version=version).json()['server']

    def wait(self, uuid, status, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.get(uuid)
            if server['status'] == status and server['OS-EXT-STS:task_state'] is None:
                return server
            time.sleep(0.05)
        raise AssertionError('%s never reached %s: %s' % (uuid, status, server))

    def action(self, uuid, body, version='2.96'):
        return self.call('POST', '/servers/%s/action' % uuid, version=version, json=body)


def test_boot_to_active_with_keystoneauth(demo):
    resp = demo.call('POST', '/servers', json={'server': {
        'name': 'first', 'imageRef': demo.image_id(), 'flavorRef': '1', 'networks': 'auto',
        'metadata': {'role': 'web'}}})
    assert resp.status_code == 202
    body = resp.json()['server']
    assert set(body) == {'id', 'links', 'OS-DCF:diskConfig', 'security_groups', 'adminPass'}
    assert resp.headers['Location'] == body['links'][0]['href']
    statuses = set()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        server = demo.get(body['id'])
        statuses.add((server['status'], server['OS-EXT-STS:task_state']))
        if server['status'] == 'ACTIVE':
            break
        time.sleep(0.02)
    assert server['status'] == 'ACTIVE' and server['metadata'] == {'role': 'web'}
    assert ('BUILD', 'spawning') in statuses
    assert list(server['addresses']) == ['private']


def test_actions_and_conflicts(demo):
    uuid = demo.boot('actions')
    assert demo.action(uuid, {'os-stop': None}).status_code == 202
    conflict = demo.action(uuid, {'os-stop': None})
    assert conflict.status_code == 409
    assert conflict.json()['conflictingRequest']['message'].startswith("Cannot 'stop' instance %s" % uuid)
    demo.wait(uuid, 'SHUTOFF')
    assert demo.action(uuid, {'os-start': None}).status_code == 202
    demo.wait(uuid, 'ACTIVE')
    for action, status in (('pause', 'PAUSED'), ('unpause', 'ACTIVE'), ('suspend', 'SUSPENDED'),
                           ('resume', 'ACTIVE')):
        assert demo.action(uuid, {action: None}).status_code == 202
        demo.wait(uuid, status)
    assert demo.action(uuid, {'reboot': {'type': 'HARD'}}).status_code == 202
    demo.wait(uuid, 'ACTIVE')
    assert demo.action(uuid, {'resize': {'flavorRef': '2'}}).status_code == 202
    demo.wait(uuid, 'VERIFY_RESIZE')
    assert demo.action(uuid, {'confirmResize': None}).status_code == 204
    output = demo.action(uuid, {'os-getConsoleOutput': {'length': 3}})
    assert output.status_code == 200 and len(output.json()['output'].splitlines()) <= 3
    assert demo.call('DELETE', '/servers/' + uuid).status_code == 204
    deadline = time.monotonic() + 10
    while demo.call('GET', '/servers/' + uuid).status_code != 404:
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_other_project_sees_404(demo, admin):
    uuid = demo.boot('mine', wait=False)
    assert admin.call('GET', '/servers/' + uuid).status_code == 200
    other = admin.call('GET', '/servers?all_tenants=1&name=^mine$').json()['servers']
    assert [s['id'] for s in other] == [uuid]


def test_list_filters_sorting_and_paging(demo):
    uuids = [demo.boot('page-%d' % i, wait=False) for i in range(3)]
    for uuid in uuids:
        demo.wait(uuid, 'ACTIVE')
    listed = demo.call('GET', '/servers?name=^page-&sort_key=display_name&sort_dir=asc').json()
    assert [s['name'] for s in listed['servers']] == ['page-0', 'page-1', 'page-2']
    first = demo.call('GET', '/servers/detail?name=^page-&sort_key=display_name&sort_dir=asc&limit=2').json()
    assert [s['name'] for s in first['servers']] == ['page-0', 'page-1']
    next_href = first['servers_links'][0]['href']
    assert 'marker=%s' % uuids[1] in next_href and '/servers/detail?' in next_href
    rest = demo.call('GET', next_href.split('/v2.1', 1)[1]).json()
    assert [s['name'] for s in rest['servers']] == ['page-2'] and 'servers_links' not in rest
    assert demo.call('GET', '/servers?marker=nope').status_code == 400
    assert demo.call('GET', '/servers?status=bogus').status_code == 400
    assert demo.call('GET', '/servers?status=active&name=^page-1$').json()['servers'][0]['id'] == uuids[1]
    assert demo.call('GET', '/servers?foo=1', version='2.75').status_code == 400
    assert demo.call('GET', '/servers?foo=1', version='2.74').status_code == 200
    assert demo.call('GET', '/servers?sort_key=host').status_code == 403


def _sample_keys(path):
    with open(os.path.join(SAMPLES, path), encoding='utf-8') as f:
        body = json.load(f)
    item = body.get('server') or body['servers'][0]
    return set(item)


@pytest.mark.parametrize('version,path,who', [
    ('2.1', 'server-get-resp.json', 'admin'),
    ('2.16', 'v2.16/server-get-resp.json', 'admin'),
    ('2.47', 'v2.47/server-get-resp.json', 'admin'),
    ('2.71', 'v2.71/server-get-resp.json', 'admin'),
    ('2.96', 'v2.96/server-get-resp.json', 'demo'),
    ('2.100', 'v2.100/server-get-resp.json', 'demo'),
])
def test_show_keys_match_nova_samples(demo, admin, version, path, who):
    uuid = demo.boot('keys-' + version)
    client = admin if who == 'admin' else demo
    assert set(client.get(uuid, version=version)) == _sample_keys(path)


@pytest.mark.parametrize('version,path,who', [
    ('2.1', 'server-update-resp.json', 'demo'),
    ('2.75', 'v2.75/server-update-resp.json', 'admin'),
    ('2.104', 'v2.104/server-update-resp.json', 'demo'),
])
def test_update_keys_match_nova_samples(demo, admin, version, path, who):
    uuid = demo.boot('put-' + version.replace('.', '-'))
    client = admin if who == 'admin' else demo
    resp = client.call('PUT', '/servers/' + uuid, version=version, json={'server': {'name': 'renamed'}})
    assert resp.status_code == 200
    assert set(resp.json()['server']) == _sample_keys(path)


def test_details_keys_match_nova_samples(demo):
    demo.boot('detail-keys')
    servers = demo.call('GET', '/servers/detail?name=^detail-keys$', version='2.96').json()['servers']
    assert set(servers[0]) == _sample_keys('v2.96/servers-details-resp.json')


def test_availability_zones(demo, admin):
    zones = demo.call('GET', '/os-availability-zone').json()
    assert zones == {'availabilityZoneInfo': [{'zoneName': 'nova', 'zoneState': {'available': True},
                                               'hosts': None}]}
    assert demo.call('GET', '/os-availability-zone/detail').status_code == 403
    detail = admin.call('GET', '/os-availability-zone/detail').json()['availabilityZoneInfo']
    assert sorted(detail[1]['hosts']) == ['compute1', 'compute2']


def test_bad_create_requests(demo):
    image = demo.image_id()
    cases = [
        ({'name': 'x', 'imageRef': image, 'flavorRef': '999', 'networks': 'auto'}, 400,
         'Flavor 999 could not be found.'),
        ({'name': 'x', 'imageRef': image, 'flavorRef': '1'}, 400, None),
        ({'name': 'x', 'imageRef': image, 'flavorRef': '1', 'networks': 'auto', 'key_name': 'nokey'},
         400, 'Invalid key_name provided.'),
        ({'name': 'x', 'imageRef': '8c0bc2ba-8ecf-4b44-9c5a-6b8d2d3d3b1e', 'flavorRef': '1',
          'networks': 'auto'}, 400, 'Can not find requested image'),
        ({'name': 'x', 'imageRef': image, 'flavorRef': '1',
          'networks': [{'uuid': '8c0bc2ba-8ecf-4b44-9c5a-6b8d2d3d3b1e'}]}, 400,
         'Network 8c0bc2ba-8ecf-4b44-9c5a-6b8d2d3d3b1e could not be found.'),
        ({'name': 'x', 'imageRef': image, 'flavorRef': '1', 'networks': 'auto', 'min_count': 61},
         403, None),
    ]
    for body, status, message in cases:
        resp = demo.call('POST', '/servers', json={'server': body})
        assert resp.status_code == status, (body, resp.text)
        if message:
            assert resp.json()['badRequest']['message'] == message


def test_pending_steps_resume_after_restart(tmp_path):
    """A server mid-build when nova-api stops finishes building after the next start."""
    slow = '[compute]\nbuild_time = 3\npoll_interval = 0.02\n'
    with server_mod.start_api(tmp_path, config_text=slow) as first:
        client = Client(first, first.demo_openrc)
        uuid = client.boot('survivor', wait=False)
        assert client.get(uuid)['status'] == 'BUILD'
    with server_mod.start_api(tmp_path, config_text=slow) as second:
        client = Client(second, second.demo_openrc)
        assert client.wait(uuid, 'ACTIVE', timeout=30)['OS-EXT-STS:power_state'] == 1
