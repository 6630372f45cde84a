"""Server sub-resources on the real nova-api via keystoneauth1, checked with Nova's own schemas."""

import json
import os
import subprocess
import time
import uuid as uuidlib

import pytest

from tests.functional import server as server_mod

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONFIG = '[compute]\nbuild_time = 0.2\naction_time = 0.1\npoll_interval = 0.02\n'


@pytest.fixture(scope='module')
def nova(tmp_path_factory):
    srv = server_mod.start_api(tmp_path_factory.mktemp('subresources'), config_text=CONFIG,
                               workers=2)
    yield srv
    srv.stop()


class Client:
    """A keystoneauth1 adapter on the compute endpoint found in the catalog."""

    def __init__(self, nova, openrc):
        from keystoneauth1 import adapter
        self.nova = nova
        self.adapter = adapter.Adapter(nova.session(openrc), service_type='compute',
                                       interface='public')

    def call(self, method, path, version='2.96', **kwargs):
        headers = {'OpenStack-API-Version': 'compute %s' % version}
        return self.adapter.request(path, method, headers=headers, raise_exc=False, **kwargs)

    def volume(self):
        """A new available volume of the block-storage service (found in the catalog)."""
        from keystoneauth1 import adapter
        volumes = adapter.Adapter(self.adapter.session, service_type='block-storage',
                                  interface='public')
        volume_id = volumes.post('/volumes', json={'volume': {'size': 1}}).json()['volume']['id']
        deadline = time.monotonic() + 30
        while volumes.get('/volumes/' + volume_id).json()['volume']['status'] != 'available':
            assert time.monotonic() < deadline
            time.sleep(0.05)
        return volume_id

    def boot(self):
        image = self.adapter.get(self.nova.image_url + '/v2/images?name=cirros').json()
        body = {'name': 'sub-' + uuidlib.uuid4().hex[:6], 'imageRef': image['images'][0]['id'],
                'flavorRef': '1', 'networks': 'auto'}
        server_id = self.call('POST', '/servers', json={'server': body}).json()['server']['id']
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            server = self.call('GET', '/servers/' + server_id).json()['server']
            if server['status'] == 'ACTIVE' and server['OS-EXT-STS:task_state'] is None:
                return server_id
            time.sleep(0.05)
        raise AssertionError('server %s never became ACTIVE' % server_id)


@pytest.fixture(scope='module')
def demo(nova):
    return Client(nova, nova.demo_openrc)


@pytest.fixture(scope='module')
def admin(nova):
    return Client(nova, nova.admin_openrc)


class Cases:
    """Collects (module, schema, body) for Nova's schema checker; asserts statuses as it goes."""

    def __init__(self):
        self.items = []

    def add(self, resp, status, module, schema):
        assert resp.status_code == status, (resp.status_code, resp.text)
        body = resp.json() if resp.content else None
        self.items.append({'module': module, 'schema': schema, 'body': body})
        return body


def _check_with_nova(nova_venv, cases):
    checker = os.path.join(ROOT, 'tools', 'nova_schema_check.py')
    proc = subprocess.run([os.path.join(nova_venv, 'bin', 'python'), checker],
                          input=json.dumps(cases.items), capture_output=True, text=True, check=True,
                          timeout=120)
    errors = json.loads(proc.stdout)
    assert errors == [], '\n'.join(errors)


def test_metadata_ips_tags_password(demo, nova_venv):
    server_id = demo.boot()
    cases = Cases()
    base = '/servers/%s/' % server_id
    cases.add(demo.call('PUT', base + 'metadata', json={'metadata': {'a': '1'}}), 200,
              'server_metadata', 'update_all_response')
    cases.add(demo.call('POST', base + 'metadata', json={'metadata': {'b': '2'}}), 200,
              'server_metadata', 'create_response')
    cases.add(demo.call('PUT', base + 'metadata/c', json={'meta': {'c': '3'}}), 200,
              'server_metadata', 'update_response')
    body = cases.add(demo.call('GET', base + 'metadata'), 200, 'server_metadata', 'index_response')
    assert body == {'metadata': {'a': '1', 'b': '2', 'c': '3'}}
    cases.add(demo.call('GET', base + 'metadata/a'), 200, 'server_metadata', 'show_response')
    cases.add(demo.call('DELETE', base + 'metadata/a'), 204, 'server_metadata', 'delete_response')
    cases.add(demo.call('GET', base + 'ips'), 200, 'ips', 'index_response')
    cases.add(demo.call('GET', base + 'ips/private'), 200, 'ips', 'show_response')
    cases.add(demo.call('PUT', base + 'tags', json={'tags': ['x', 'y']}), 200, 'server_tags',
              'update_all_response')
    resp = demo.call('PUT', base + 'tags/z')
    cases.add(resp, 201, 'server_tags', 'update_response')
    assert resp.headers['Location'].endswith('/servers/%s/tags/z' % server_id)
    cases.add(demo.call('GET', base + 'tags/z'), 204, 'server_tags', 'show_response')
    cases.add(demo.call('GET', base + 'tags'), 200, 'server_tags', 'index_response')
    cases.add(demo.call('DELETE', base + 'tags/z'), 204, 'server_tags', 'delete_response')
    cases.add(demo.call('DELETE', base + 'tags'), 204, 'server_tags', 'delete_all_response')
    cases.add(demo.call('GET', base + 'os-server-password'), 200, 'server_password',
              'index_response')
    cases.add(demo.call('DELETE', base + 'os-server-password'), 204, 'server_password',
              'clear_response')
    cases.add(demo.call('GET', base + 'os-security-groups'), 200, 'security_groups',
              'index_server_response')
    _check_with_nova(nova_venv, cases)


def test_actions_interfaces_volumes(demo, admin, nova_venv):
    server_id = demo.boot()
    cases = Cases()
    base = '/servers/%s/' % server_id
    assert demo.call('POST', base + 'action', json={'os-stop': None}).status_code == 202
    for version, schema in (('2.1', ''), ('2.58', '_v258')):
        cases.add(demo.call('GET', base + 'os-instance-actions', version=version), 200,
                  'instance_actions', 'index_response' + schema)
    actions = demo.call('GET', base + 'os-instance-actions').json()['instanceActions']
    request_id = actions[-1]['request_id']
    for client in (demo, admin):
        for version, schema in (('2.1', ''), ('2.51', '_v251'), ('2.58', '_v258'),
                                ('2.62', '_v262'), ('2.84', '_v284')):
            cases.add(client.call('GET', base + 'os-instance-actions/' + request_id,
                                  version=version), 200, 'instance_actions', 'show_response' + schema)
    deadline = time.monotonic() + 20
    while demo.call('GET', '/servers/' + server_id).json()['server']['status'] != 'SHUTOFF':
        assert time.monotonic() < deadline
        time.sleep(0.05)
    for version, schema in (('2.1', ''), ('2.70', '_v270')):
        port = cases.add(demo.call('POST', base + 'os-interface', version=version,
                                   json={'interfaceAttachment': {}}), 200,
                         'attach_interfaces', 'create_response' + schema)
        port_id = port['interfaceAttachment']['port_id']
        cases.add(demo.call('GET', base + 'os-interface', version=version), 200,
                  'attach_interfaces', 'index_response' + schema)
        cases.add(demo.call('GET', base + 'os-interface/' + port_id, version=version), 200,
                  'attach_interfaces', 'show_response' + schema)
        cases.add(demo.call('DELETE', base + 'os-interface/' + port_id), 202,
                  'attach_interfaces', 'delete_response')
    for version, schema in (('2.1', ''), ('2.70', '_v270'), ('2.79', '_v279'), ('2.89', '_v289')):
        volume_id = demo.volume()
        create_schema = 'create_response' + ('_v279' if schema == '_v289' else schema)
        cases.add(demo.call('POST', base + 'os-volume_attachments', version=version,
                            json={'volumeAttachment': {'volumeId': volume_id}}), 200,
                  'volume_attachments', create_schema)
        cases.add(demo.call('GET', base + 'os-volume_attachments', version=version), 200,
                  'volume_attachments', 'index_response' + schema)
        cases.add(demo.call('GET', base + 'os-volume_attachments/' + volume_id, version=version),
                  200, 'volume_attachments', 'show_response' + schema)
        cases.add(demo.call('DELETE', base + 'os-volume_attachments/' + volume_id), 202,
                  'volume_attachments', 'delete_response')
    cases.add(demo.call('POST', base + 'os-volume_attachments', version='2.101',
                        json={'volumeAttachment': {'volumeId': demo.volume()}}), 202,
              'volume_attachments', 'create_response_v2101')
    _check_with_nova(nova_venv, cases)


def test_admin_views_consoles_migrations_topology(demo, admin, nova_venv):
    server_id = demo.boot()
    cases = Cases()
    base = '/servers/%s/' % server_id
    for version, schema in (('2.1', ''), ('2.48', '_v248')):
        cases.add(admin.call('GET', base + 'diagnostics', version=version), 200,
                  'server_diagnostics', 'index_response' + schema)
    for version, schema, console in (('2.6', '', ('vnc', 'novnc')),
                                     ('2.8', '_v28', ('serial', 'serial')),
                                     ('2.99', '_v299', ('spice', 'spice-direct'))):
        body = cases.add(demo.call('POST', base + 'remote-consoles', version=version, json={
            'remote_console': {'protocol': console[0], 'type': console[1]}}), 200,
            'remote_consoles', 'create_response' + schema)
        url = body['remote_console']['url']
        token = url.split('%3D')[-1] if console[1] == 'novnc' else url.split('token=')[-1]
        token_version, token_schema = ('2.99', '_v299') if schema == '_v299' else ('2.31', '')
        cases.add(admin.call('GET', '/os-console-auth-tokens/' + token, version=token_version),
                  200, 'console_auth_tokens', 'show_response' + token_schema)
    for version, schema in (('2.78', ''),):
        cases.add(demo.call('GET', base + 'topology', version=version), 200, 'server_topology',
                  'index_response' + schema)
    resp = admin.call('POST', base + 'action', version='2.30',
                      json={'os-migrateLive': {'host': None, 'block_migration': 'auto'}})
    assert resp.status_code == 202, resp.text
    for version, schema in (('2.23', '_v223'), ('2.59', '_v259'), ('2.80', '_v280')):
        cases.add(admin.call('GET', base + 'migrations', version=version), 200,
                  'server_migrations', 'index_response' + schema)
    for version, schema in (('2.1', '_v20'), ('2.23', '_v223'), ('2.59', '_v259'),
                            ('2.80', '_v280')):
        cases.add(admin.call('GET', '/os-migrations', version=version), 200, 'migrations',
                  'index_response' + schema)
    _check_with_nova(nova_venv, cases)


def test_errors_are_novas(demo):
    server_id = demo.boot()
    base = '/servers/%s/' % server_id
    resp = demo.call('PUT', base + 'metadata/a', json={'meta': {'b': '1'}})
    assert resp.status_code == 400
    assert resp.json() == {'badRequest': {'code': 400, 'message': 'Request body and URI mismatch'}}
    missing = str(uuidlib.uuid4())
    resp = demo.call('GET', '/servers/%s/os-interface' % missing)
    assert resp.json() == {'itemNotFound': {'code': 404, 'message':
                                            'Instance %s could not be found.' % missing}}
    resp = demo.call('GET', base + 'diagnostics')
    assert resp.status_code == 403
