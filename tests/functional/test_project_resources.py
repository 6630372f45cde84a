"""Key pairs, quotas, limits and server groups on the real nova-api, through keystoneauth1.

The ``api`` fixture (tests/functional/conftest.py) is one nova-api shared by
the session, so names are unique and quota changes are undone.
"""

import json
import os
import subprocess
import uuid

import pytest

pytestmark = pytest.mark.functional

IMPORT = ('ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDx8nkQv/zgGgB4rMYmIf+6A4l6Rr+o/6lHBQdW5aYd44bd8Jtt'
          'DCE/F/pNRr0lRE+PiqSPO8nDPHw0010JeMH9gYgnnFlyY3/OcJ02RhIPyyxYpv9FhY+2YiUkpwFOcLImyrxEsY'
          'XpD/0d3ac30bNH6Sw9JD9UZHYcpSxsIbECHw== Generated-by-Nova')
CHECKER = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                       'tools', 'nova_schema_check.py')


class Compute:
    """A keystoneauth1 session talking to the catalog's compute endpoint at one microversion."""

    def __init__(self, session):
        self.session = session

    def __call__(self, method, path, version='2.1', body=None):
        resp = self.session.request(path, method, json=body, raise_exc=False,
                                    endpoint_filter={'service_type': 'compute', 'interface': 'public'},
                                    headers={'OpenStack-API-Version': 'compute %s' % version})
        return resp.status_code, (resp.json() if resp.content else None)


@pytest.fixture(scope='module')
def admin(api):
    return Compute(api.session(api.admin_openrc))


@pytest.fixture(scope='module')
def demo(api):
    return Compute(api.session(api.demo_openrc))


def _project_id(api, openrc):
    return api.session(openrc).get_project_id()


def test_keypair_lifecycle(demo):
    name = 'kp-%s' % uuid.uuid4().hex[:8]
    status, body = demo('POST', '/os-keypairs', '2.2', {'keypair': {'name': name}})
    assert status == 201
    assert body['keypair']['private_key'].startswith('-----BEGIN RSA PRIVATE KEY-----')
    assert sorted(body['keypair']) == ['fingerprint', 'name', 'private_key', 'public_key', 'type',
                                       'user_id']
    status, listed = demo('GET', '/os-keypairs', '2.35')
    assert name in [k['keypair']['name'] for k in listed['keypairs']]
    status, shown = demo('GET', '/os-keypairs/%s' % name, '2.2')
    assert (status, shown['keypair']['fingerprint']) == (200, body['keypair']['fingerprint'])
    status, dup = demo('POST', '/os-keypairs', '2.92',
                       {'keypair': {'name': name, 'public_key': IMPORT}})
    assert (status, dup) == (409, {'conflictingRequest': {
        'code': 409, 'message': "Key pair '%s' already exists." % name}})
    assert demo('DELETE', '/os-keypairs/%s' % name, '2.2') == (204, None)
    status, missing = demo('GET', '/os-keypairs/%s' % name, '2.2')
    assert status == 404
    assert missing['itemNotFound']['message'] == 'Keypair %s not found for user %s' % (
        name, shown['keypair']['user_id'])


def test_quotas_as_admin_and_demo(api, admin, demo):
    project = _project_id(api, api.demo_openrc)
    status, shown = demo('GET', '/os-quota-sets/%s' % project, '2.57')
    assert status == 200 and shown['quota_set']['id'] == project
    assert sorted(shown['quota_set']) == ['cores', 'id', 'instances', 'key_pairs', 'metadata_items',
                                          'ram', 'server_group_members', 'server_groups']
    status, denied = demo('PUT', '/os-quota-sets/%s' % project, '2.57',
                          {'quota_set': {'key_pairs': 150}})
    assert (status, denied) == (403, {'forbidden': {'code': 403, 'message':
                                "Policy doesn't allow os_compute_api:os-quota-sets:update to be performed."}})
    try:
        status, updated = admin('PUT', '/os-quota-sets/%s' % project, '2.57',
                                {'quota_set': {'key_pairs': 150}})
        assert status == 200 and updated['quota_set']['key_pairs'] == 150 and 'id' not in updated['quota_set']
        status, detail = demo('GET', '/os-quota-sets/%s/detail' % project, '2.57')
        assert detail['quota_set']['key_pairs'] == {'in_use': 0, 'limit': 150, 'reserved': 0}
    finally:
        assert admin('DELETE', '/os-quota-sets/%s' % project) == (202, None)
    assert demo('GET', '/os-quota-sets/%s' % project, '2.57')[1]['quota_set']['key_pairs'] == 100


def test_server_groups_and_limits_usage(demo):
    before = demo('GET', '/limits', '2.57')[1]['limits']['absolute']['totalServerGroupsUsed']
    name = 'sg-%s' % uuid.uuid4().hex[:8]
    status, created = demo('POST', '/os-server-groups', '2.64',
                           {'server_group': {'name': name, 'policy': 'anti-affinity',
                                             'rules': {'max_server_per_host': 2}}})
    assert status == 200
    group = created['server_group']
    assert (group['name'], group['policy'], group['rules'], group['members']) == (
        name, 'anti-affinity', {'max_server_per_host': 2}, [])
    status, limits = demo('GET', '/limits', '2.57')
    assert limits['limits']['rate'] == []
    assert limits['limits']['absolute']['totalServerGroupsUsed'] == before + 1
    listed = demo('GET', '/os-server-groups', '2.13')[1]['server_groups']
    assert [g['policies'] for g in listed if g['id'] == group['id']] == [['anti-affinity']]
    assert demo('DELETE', '/os-server-groups/%s' % group['id']) == (204, None)
    assert demo('GET', '/os-server-groups/%s' % group['id'])[0] == 404
    assert demo('GET', '/limits', '2.57')[1]['limits']['absolute']['totalServerGroupsUsed'] == before


def test_responses_match_novas_own_schemas(api, admin, demo, nova_venv):
    project = _project_id(api, api.demo_openrc)
    cases = []

    def case(module, schema, body):
        cases.append({'module': module, 'schema': schema, 'body': body})

    name = 'schema-%s' % uuid.uuid4().hex[:8]
    for version, suffix in (('2.1', ''), ('2.2', '_v22'), ('2.92', '_v292')):
        body = {'keypair': {'name': name + version.replace('.', ''), 'public_key': IMPORT}}
        case('keypairs', 'create_response' + suffix, demo('POST', '/os-keypairs', version, body)[1])
    case('keypairs', 'create_response_v22',
         demo('POST', '/os-keypairs', '2.2', {'keypair': {'name': name + 'gen'}})[1])
    case('keypairs', 'show_response', demo('GET', '/os-keypairs/%s21' % name, '2.1')[1])
    case('keypairs', 'show_response_v22', demo('GET', '/os-keypairs/%s21' % name, '2.2')[1])
    case('keypairs', 'index_response', demo('GET', '/os-keypairs', '2.1')[1])
    case('keypairs', 'index_response_v22', demo('GET', '/os-keypairs', '2.34')[1])
    case('keypairs', 'index_response_v235', demo('GET', '/os-keypairs?limit=1', '2.35')[1])
    for version, suffix in (('2.1', ''), ('2.36', '_v236'), ('2.57', '_v257')):
        base = '/os-quota-sets/%s' % project
        case('quota_sets', 'show_response' + suffix, demo('GET', base, version)[1])
        case('quota_sets', 'detail_response' + suffix, demo('GET', base + '/detail', version)[1])
        case('quota_sets', 'defaults_response' + suffix, demo('GET', base + '/defaults', version)[1])
        case('quota_sets', 'update_response' + suffix,
             admin('PUT', base, version, {'quota_set': {'instances': 10}})[1])
    admin('DELETE', '/os-quota-sets/%s' % project)
    for version, suffix in (('2.1', ''), ('2.50', '_v250'), ('2.57', '_v257')):
        case('quota_classes', 'show_response' + suffix,
             admin('GET', '/os-quota-class-sets/default', version)[1])
        case('quota_classes', 'update_response' + suffix,
             admin('PUT', '/os-quota-class-sets/schema_check', version,
                   {'quota_class_set': {'instances': 10}})[1])
    for version, suffix in (('2.1', ''), ('2.36', '_v236'), ('2.39', '_v239'), ('2.57', '_v257')):
        case('limits', 'index_response' + suffix, demo('GET', '/limits', version)[1])
    groups = []
    for version, suffix, spec in (('2.1', '', {'policies': ['affinity']}),
                                  ('2.13', '_v213', {'policies': ['affinity']}),
                                  ('2.15', '_v215', {'policies': ['soft-affinity']}),
                                  ('2.64', '_v264', {'policy': 'anti-affinity',
                                                     'rules': {'max_server_per_host': 3}})):
        created = demo('POST', '/os-server-groups', version,
                       {'server_group': dict(spec, name='schema')})[1]
        groups.append(created['server_group']['id'])
        case('server_groups', 'create_response' + suffix, created)
        case('server_groups', 'show_response' + suffix,
             demo('GET', '/os-server-groups/%s' % groups[-1], version)[1])
        # Soft policies only validate from 2.15 on, so older lists hold older groups only.
        listed = demo('GET', '/os-server-groups', version)[1]
        if version < '2.15':
            hard = ('affinity', 'anti-affinity')
            listed = {'server_groups': [g for g in listed['server_groups'] if g['policies'][0] in hard]}
        case('server_groups', 'index_response' + suffix, listed)
    for group_id in groups:
        demo('DELETE', '/os-server-groups/%s' % group_id)
    for suffix in ('21', '22', '292', 'gen'):
        demo('DELETE', '/os-keypairs/%s%s' % (name, suffix), '2.2')
    proc = subprocess.run([os.path.join(nova_venv, 'bin', 'python'), CHECKER], input=json.dumps(cases),
                          capture_output=True, text=True, check=True, timeout=120)
    assert json.loads(proc.stdout) == []


def _cli(venv, program, args, env, check=True):
    proc = subprocess.run([os.path.join(venv, 'bin', program)] + args, env=env, capture_output=True,
                          text=True, timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError('%s %s: %s%s' % (program, ' '.join(args), proc.stdout, proc.stderr))
    return proc


def test_python_novaclient_commands(api, novaclient_venv, tmp_path):
    demo_env, admin_env = api.env(api.demo_openrc), api.env()
    name = 'nc-%s' % uuid.uuid4().hex[:8]
    pub = tmp_path / 'key.pub'
    pub.write_text(IMPORT)
    _cli(novaclient_venv, 'nova', ['keypair-add', '--pub-key', str(pub), name], demo_env)
    assert name in _cli(novaclient_venv, 'nova', ['keypair-list'], demo_env).stdout
    shown = _cli(novaclient_venv, 'nova', ['keypair-show', name], demo_env).stdout
    assert '1e:2c:9b:56:79:4b:45:77:f9:ca:7a:98:2c:b0:d5:3c' in shown
    _cli(novaclient_venv, 'nova', ['keypair-delete', name], demo_env)
    limits = _cli(novaclient_venv, 'nova', ['limits'], demo_env).stdout
    assert '| Instances' in limits and '| ServerGroups' in limits
    project = _project_id(api, api.demo_openrc)
    refused = _cli(novaclient_venv, 'nova', ['quota-update', '--key-pairs', '120', project], demo_env,
                   check=False)
    assert refused.returncode == 1
    assert "Policy doesn't allow os_compute_api:os-quota-sets:update" in refused.stderr
    try:
        _cli(novaclient_venv, 'nova', ['quota-update', '--key-pairs', '120', project], admin_env)
        shown = _cli(novaclient_venv, 'nova', ['quota-show', '--tenant', project], demo_env).stdout
        assert '| key_pairs            | 120   |' in shown
    finally:
        _cli(novaclient_venv, 'nova', ['quota-delete', '--tenant', project], admin_env)
    group = 'nc-%s' % uuid.uuid4().hex[:8]
    created = _cli(novaclient_venv, 'nova', ['server-group-create', group, 'anti-affinity', '--rule',
                                             'max_server_per_host=2'], demo_env).stdout
    assert "{'max_server_per_host': 2}" in created
    group_id = created.splitlines()[3].split('|')[1].strip()
    assert group_id in _cli(novaclient_venv, 'nova', ['server-group-list'], demo_env).stdout
    _cli(novaclient_venv, 'nova', ['server-group-delete', group_id], demo_env)


def test_openstackclient_commands(api, openstackclient_venv):
    env = api.env(api.demo_openrc)
    name = 'osc-%s' % uuid.uuid4().hex[:8]
    _cli(openstackclient_venv, 'openstack', ['keypair', 'create', name], env)
    assert name in _cli(openstackclient_venv, 'openstack', ['keypair', 'list'], env).stdout
    _cli(openstackclient_venv, 'openstack', ['keypair', 'delete', name], env)
    _cli(openstackclient_venv, 'openstack', ['server', 'group', 'create', '--policy', 'affinity', name],
         env)
    assert name in _cli(openstackclient_venv, 'openstack', ['server', 'group', 'list'], env).stdout
    _cli(openstackclient_venv, 'openstack', ['server', 'group', 'delete', name], env)
    limits = _cli(openstackclient_venv, 'openstack', ['limits', 'show', '--absolute', '-f', 'json'],
                  env).stdout
    values = {row['Name']: row['Value'] for row in json.loads(limits)}
    assert values['max_total_instances'] == 10 and 'total_instances_used' in values
