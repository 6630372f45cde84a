"""Nova's proxy APIs over the network service (2.1-2.35: os-security-groups, -rules,
os-networks, os-tenant-networks), the 410s of nova-network's
removed calls, /os-assisted-volume-snapshots and ``nova interface-attach --net-id``, through
the real nova-api; bodies checked against Nova 34's own response schemas."""

import json
import os
import subprocess
import sys
import time
import uuid

import pytest
import requests

pytestmark = pytest.mark.functional

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOVA = os.path.join(os.path.dirname(sys.executable), 'nova')


@pytest.fixture(scope='module')
def clients(api):
    http = requests.Session()
    tokens = {'admin': api.token(), 'demo': api.token(api.demo_openrc)}

    def call(method, path, version='2.35', who='demo', **kwargs):
        headers = {'X-Auth-Token': tokens[who], 'OpenStack-API-Version': 'compute %s' % version}
        return http.request(method, api.compute_url + path, headers=headers, timeout=30, **kwargs)
    return call


def _fault(resp, status, name=None):
    assert resp.status_code == status, resp.text
    ((key, fault),) = resp.json().items()
    assert fault['code'] == status and (name is None or key == name), resp.text
    return fault['message']


CASES = []
"""Bodies the tests below collect for Nova's response schemas (checked once, at the end)."""


def _schema_errors(nova_venv, cases):
    proc = subprocess.run([os.path.join(nova_venv, 'bin', 'python'),
                           os.path.join(ROOT, 'tools', 'nova_schema_check.py')],
                          input=json.dumps(cases), capture_output=True, text=True, check=True,
                          timeout=120)
    return json.loads(proc.stdout)


def test_security_groups_and_rules(clients):
    call = clients
    cases = []
    name = 'proxy-%s' % uuid.uuid4().hex[:6]
    resp = call('POST', '/os-security-groups',
                json={'security_group': {'name': name, 'description': 'web'}})
    assert resp.status_code == 200, resp.text
    group = resp.json()['security_group']
    cases.append({'module': 'security_groups', 'schema': 'create_response', 'body': resp.json()})
    assert (group['name'], group['description'], group['rules']) == (name, 'web', [])
    gid = group['id']

    resp = call('POST', '/os-security-group-rules', json={'security_group_rule': {
        'parent_group_id': gid, 'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22,
        'cidr': '10.0.0.0/24'}})
    assert resp.status_code == 200, resp.text
    rule = resp.json()['security_group_rule']
    cases.append({'module': 'security_groups', 'schema': 'create_rule_response',
                  'body': resp.json()})
    assert rule == {'id': rule['id'], 'parent_group_id': gid, 'ip_protocol': 'tcp',
                    'from_port': 22, 'to_port': 22, 'group': {},
                    'ip_range': {'cidr': '10.0.0.0/24'}}
    # the same rule again: Nova finds it first (400); from a remote group, all TCP ports
    message = _fault(call('POST', '/os-security-group-rules', json={'security_group_rule': {
        'parent_group_id': gid, 'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22,
        'cidr': '10.0.0.0/24'}}), 400)
    assert message == 'This rule already exists in group %s' % gid
    resp = call('POST', '/os-security-group-rules', json={'security_group_rule': {
        'parent_group_id': gid, 'group_id': gid, 'ip_protocol': 'TCP'}})
    assert resp.status_code == 200, resp.text
    from_group = resp.json()['security_group_rule']
    assert (from_group['from_port'], from_group['to_port'], from_group['ip_range'],
            from_group['group']['name']) == (1, 65535, {}, name)

    for body, message in [
            ({'ip_protocol': 'tcp', 'from_port': 22}, 'Not enough parameters to build a valid rule.'),
            ({'ip_protocol': 'gre', 'from_port': 1, 'to_port': 2}, 'Invalid IP protocol gre.'),
            ({'ip_protocol': 'tcp', 'from_port': 30, 'to_port': 20},
             'Invalid port range 30:20. Former value cannot be greater than the later'),
            ({'ip_protocol': 'udp', 'from_port': 0, 'to_port': 20},
             'Invalid port range 0:20. Valid UDP ports should be between 1-65535'),
            ({'ip_protocol': 'icmp', 'from_port': 'x', 'to_port': 1},
             'Invalid input received: Type and Code must be integers for ICMP protocol type'),
            ({'ip_protocol': 'tcp', 'from_port': 1, 'to_port': 2, 'cidr': '10.0.0.0'},
             '10.0.0.0 is not a valid IP network.'),
            ({'ip_protocol': 'tcp', 'from_port': 1, 'to_port': 2, 'cidr': '10.1.2.3/0'},
             'Bad prefix for network in cidr 10.1.2.3/0')]:
        body = dict(body, parent_group_id=gid)
        assert _fault(call('POST', '/os-security-group-rules',
                           json={'security_group_rule': body}), 400) == message
    missing = str(uuid.uuid4())
    _fault(call('POST', '/os-security-group-rules', json={'security_group_rule': {
        'parent_group_id': missing, 'ip_protocol': 'tcp', 'from_port': 1, 'to_port': 2}}), 404)
    _fault(call('POST', '/os-security-group-rules',
                json={'security_group_rule': {'parent_group_id': 'nope'}}), 400)

    shown = call('GET', '/os-security-groups/' + gid)
    cases.append({'module': 'security_groups', 'schema': 'show_response', 'body': shown.json()})
    assert sorted(r['id'] for r in shown.json()['security_group']['rules']) == \
        sorted([rule['id'], from_group['id']])
    listed = call('GET', '/os-security-groups')
    cases.append({'module': 'security_groups', 'schema': 'index_response', 'body': listed.json()})
    names = [g['name'] for g in listed.json()['security_groups']]
    assert 'default' in names and name in names and names == sorted(names)
    assert len(call('GET', '/os-security-groups?limit=1&offset=1').json()['security_groups']) == 1
    resp = call('PUT', '/os-security-groups/' + gid,
                json={'security_group': {'name': name + '-x', 'description': 'web2'}})
    cases.append({'module': 'security_groups', 'schema': 'update_response', 'body': resp.json()})
    assert resp.json()['security_group']['description'] == 'web2'

    assert _fault(call('GET', '/os-security-groups/nope'), 400) == \
        'Security group id should be uuid'
    _fault(call('GET', '/os-security-groups/' + missing), 404)
    _fault(call('POST', '/os-security-groups', json={'security_group': {'name': 'x'}}), 400)
    message = _fault(call('POST', '/os-security-groups',
                          json={'security_group': {'name': 'default', 'description': ''}}), 403)
    assert message == 'Default security group already exists.'
    assert call('GET', '/os-security-groups', version='2.36').status_code == 404

    assert call('DELETE', '/os-security-group-rules/' + rule['id']).status_code == 202
    _fault(call('DELETE', '/os-security-group-rules/' + rule['id']), 404)
    assert call('DELETE', '/os-security-groups/' + gid).status_code == 202
    _fault(call('DELETE', '/os-security-groups/' + gid), 404)
    CASES.extend(cases)


def test_networks_tenant_networks_and_pools(api, clients):
    call = clients
    sess = api.session()
    private = sess.get('/v2.0/networks?name=private',
                       endpoint_filter={'service_type': 'network'}).json()['networks'][0]
    cases = []
    for who in ('admin', 'demo'):
        listed = call('GET', '/os-networks', who=who)
        cases.append({'module': 'networks', 'schema': 'index_response', 'body': listed.json()})
        labels = {n['label'] for n in listed.json()['networks']}
        assert {'private', 'public'} <= labels
        assert ('vlan' in listed.json()['networks'][0]) == (who == 'admin')
    shown = call('GET', '/os-networks/' + private['id'])
    cases.append({'module': 'networks', 'schema': 'show_response', 'body': shown.json()})
    assert shown.json()['network']['label'] == 'private' and shown.json()['network']['cidr'] is None
    assert _fault(call('GET', '/os-networks/nope'), 404) == 'Network not found'
    tenant = call('GET', '/os-tenant-networks')
    cases.append({'module': 'tenant_networks', 'schema': 'index_response', 'body': tenant.json()})
    assert {'id': private['id'], 'cidr': 'None', 'label': 'private'} in tenant.json()['networks']
    shown = call('GET', '/os-tenant-networks/' + private['id'])
    cases.append({'module': 'tenant_networks', 'schema': 'show_response', 'body': shown.json()})
    _fault(call('GET', '/os-tenant-networks/nope'), 404)
    for path in ('/os-networks', '/os-tenant-networks'):
        assert call('GET', path, version='2.36').status_code == 404
    for method, path in (('POST', '/os-networks'), ('DELETE', '/os-networks/1'),
                         ('POST', '/os-tenant-networks'), ('DELETE', '/os-tenant-networks/1'),
                         ('POST', '/os-networks/add'), ('POST', '/os-networks/1/action')):
        for version in ('2.1', '2.36', '2.104'):
            _fault(call(method, path, version=version, json={'network': {}}), 410)
    CASES.extend(cases)


@pytest.fixture(scope='module')
def server(api, clients):
    sess = api.session(api.demo_openrc)
    image = sess.get('/v2/images?name=cirros', endpoint_filter={'service_type': 'image'}).json()
    resp = clients('POST', '/servers', version='2.37', json={'server': {
        'name': 'proxy-%s' % uuid.uuid4().hex[:6], 'imageRef': image['images'][0]['id'],
        'flavorRef': '1', 'networks': 'none'}})
    assert resp.status_code == 202, resp.text
    server_id = resp.json()['server']['id']
    for _ in range(300):
        shown = clients('GET', '/servers/' + server_id).json()['server']
        if shown['status'] == 'ACTIVE' and shown['OS-EXT-STS:task_state'] is None:
            break
        time.sleep(0.1)
    yield shown
    clients('DELETE', '/servers/' + server_id)


def test_interface_attach_with_net_id_creates_a_port(api, server):
    sess = api.session(api.demo_openrc)
    private = sess.get('/v2.0/networks?name=private',
                       endpoint_filter={'service_type': 'network'}).json()['networks'][0]
    proc = subprocess.run([NOVA, '--os-compute-api-version', '2.35', 'interface-attach',
                           '--net-id', private['id'], server['id']], env=api.env(api.demo_openrc),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    ports = sess.get('/v2.0/ports?device_id=' + server['id'],
                     endpoint_filter={'service_type': 'network'}).json()['ports']
    assert [p['network_id'] for p in ports] == [private['id']]
    assert ports[0]['fixed_ips'][0]['ip_address'].startswith('10.0.0.')
    listed = subprocess.run([NOVA, 'interface-list', server['id']], env=api.env(api.demo_openrc),
                            capture_output=True, text=True, timeout=120)
    assert ports[0]['id'] in listed.stdout


def test_assisted_volume_snapshots(api, clients, server):
    admin = api.session()
    url = api.identity_url
    password = uuid.uuid4().hex
    user = admin.post(url + '/users', json={'user': {'name': 'cinder-' + password[:6],
                                                     'password': password}}).json()['user']
    project = admin.get(url + '/projects', params={'name': 'service'}).json()['projects'][0]
    role = admin.get(url + '/roles', params={'name': 'service'}).json()['roles'][0]
    admin.put('%s/projects/%s/users/%s/roles/%s' % (url, project['id'], user['id'], role['id']))
    issued = requests.post(url + '/auth/tokens', timeout=30, json={'auth': {
        'identity': {'methods': ['password'], 'password': {'user': {
            'id': user['id'], 'password': password}}},
        'scope': {'project': {'id': project['id']}}}})
    headers = {'X-Auth-Token': issued.headers['X-Subject-Token'],
               'OpenStack-API-Version': 'compute 2.1'}

    def cinder(method, path, **kwargs):
        return requests.request(method, api.compute_url + path, headers=headers, timeout=30,
                                **kwargs)
    volumes = api.session(api.demo_openrc)
    block = {'service_type': 'block-storage'}
    volume = volumes.post('/volumes', json={'volume': {'size': 1}},
                          endpoint_filter=block).json()['volume']['id']
    for _ in range(300):
        if volumes.get('/volumes/' + volume, endpoint_filter=block).json()[
                'volume']['status'] == 'available':
            break
        time.sleep(0.1)
    snap = str(uuid.uuid4())
    body = {'snapshot': {'volume_id': volume, 'create_info': {
        'snapshot_id': snap, 'type': 'qcow2', 'new_file': 'new.qcow2', 'id': snap}}}
    assert _fault(cinder('POST', '/os-assisted-volume-snapshots', json=body), 400) == \
        'No volume Block Device Mapping with id %s.' % volume
    _fault(clients('POST', '/os-assisted-volume-snapshots', json=body), 403)   # demo: no
    assert clients('POST', '/os-assisted-volume-snapshots', who='admin', json=body).status_code == 400
    resp = clients('POST', '/servers/%s/os-volume_attachments' % server['id'],
                   json={'volumeAttachment': {'volumeId': volume}})
    assert resp.status_code == 200, resp.text
    for _ in range(100):
        if clients('GET', '/servers/' + server['id']).json()['server'][
                'OS-EXT-STS:task_state'] is None:
            break
        time.sleep(0.1)
    resp = cinder('POST', '/os-assisted-volume-snapshots', json=body)
    assert resp.json() == {'snapshot': {'id': snap, 'volumeId': volume}}, resp.text
    _fault(cinder('POST', '/os-assisted-volume-snapshots',
                  json={'snapshot': {'volume_id': volume, 'create_info': {}}}), 400)
    info = json.dumps({'volume_id': volume, 'type': 'qcow2'})
    assert cinder('DELETE', '/os-assisted-volume-snapshots/' + snap,
                  params={'delete_info': info}).status_code == 204
    assert _fault(cinder('DELETE', '/os-assisted-volume-snapshots/' + snap), 400) == \
        "'delete_info'"
    CASES.append({'module': 'assisted_volume_snapshots', 'schema': 'create_response',
                  'body': resp.json()})


def test_multinic_add_and_remove_fixed_ip(api, clients):
    """``addFixedIp`` / ``removeFixedIp`` (2.1-2.43): the server's port on the network gains
    or loses an address, seen by Nova and Neutron alike; what cannot be done is Nova's 202 with
    nothing changed (its compute host only logs it)."""
    net = api.session(api.demo_openrc)
    network = {'service_type': 'network'}
    private = net.get('/v2.0/networks?name=private', endpoint_filter=network).json()['networks'][0]
    public = net.get('/v2.0/networks?name=public', endpoint_filter=network).json()['networks'][0]
    image = net.get('/v2/images?name=cirros', endpoint_filter={'service_type': 'image'}).json()
    resp = clients('POST', '/servers', version='2.43', json={'server': {
        'name': 'multinic-%s' % uuid.uuid4().hex[:6], 'imageRef': image['images'][0]['id'],
        'flavorRef': '1', 'networks': [{'uuid': private['id']}]}})
    assert resp.status_code == 202, resp.text
    server_id = resp.json()['server']['id']
    action = '/servers/%s/action' % server_id

    def fixed():
        addresses = clients('GET', '/servers/' + server_id).json()['server']['addresses']
        return [a['addr'] for a in addresses['private']]

    def ports():
        return net.get('/v2.0/ports?device_id=' + server_id, endpoint_filter=network).json()['ports']

    try:
        for _ in range(300):
            shown = clients('GET', '/servers/' + server_id).json()['server']
            if shown['status'] == 'ACTIVE' and shown['OS-EXT-STS:task_state'] is None:
                break
            time.sleep(0.1)
        (first,) = fixed()
        resp = clients('POST', action, version='2.43',
                       json={'addFixedIp': {'networkId': private['id']}})
        assert (resp.status_code, resp.text) == (202, '')
        both = fixed()
        assert both[0] == first and len(both) == 2 and both[1].startswith('10.0.0.'), both
        (port,) = ports()
        assert sorted(ip['ip_address'] for ip in port['fixed_ips']) == sorted(both)
        assert port['revision_number'] >= 2
        # no port of the server on public, an unknown network: 202 and no change
        for network_id in (public['id'], str(uuid.uuid4()), 42):
            resp = clients('POST', action, version='2.43',
                           json={'addFixedIp': {'networkId': network_id}})
            assert resp.status_code == 202, resp.text
        assert fixed() == both
        # out of Nova's window, malformed, someone else's server, locked
        _fault(clients('POST', action, version='2.44',
                       json={'addFixedIp': {'networkId': private['id']}}), 404)
        _fault(clients('POST', action, json={'addFixedIp': {}}), 400)
        _fault(clients('POST', action, json={'removeFixedIp': {'address': '10.0.0.300'}}), 400)
        _fault(clients('POST', '/servers/%s/action' % uuid.uuid4(),
                       json={'addFixedIp': {'networkId': private['id']}}), 404)
        assert clients('POST', action, json={'lock': None}).status_code == 202
        _fault(clients('POST', action, json={'removeFixedIp': {'address': both[1]}}), 409)
        assert clients('POST', action, json={'unlock': None}).status_code == 202

        resp = clients('POST', action, version='2.1', json={'removeFixedIp': {'address': both[1]}})
        assert (resp.status_code, resp.text) == (202, '')
        assert fixed() == [first]
        # an address the server does not hold; its last address while the port is in a group
        for address in (both[1], '192.0.2.7', first):
            resp = clients('POST', action, json={'removeFixedIp': {'address': address}})
            assert resp.status_code == 202, resp.text
        assert fixed() == [first]
        assert [ip['ip_address'] for ip in ports()[0]['fixed_ips']] == [first]
    finally:
        clients('DELETE', '/servers/' + server_id)


def test_bodies_match_novas_response_schemas(nova_venv):
    assert len(CASES) >= 11
    assert _schema_errors(nova_venv, CASES) == []
