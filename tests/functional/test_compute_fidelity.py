"""Places where a real client got a different answer from us than from Nova 34 (issue 8),
each asked through the real nova-api as the client asked it."""

import re
import time

import pytest
import requests

pytestmark = pytest.mark.functional

BIG = '9223372036854775808'


@pytest.fixture(scope='module')
def call(api):
    token = api.token()
    http = requests.Session()

    def request(method, path, version='2.1', **kwargs):
        headers = {'X-Auth-Token': token, 'OpenStack-API-Version': 'compute %s' % version}
        return http.request(method, api.compute_url + path, headers=headers, timeout=30, **kwargs)
    return request


def _fault(resp, status):
    assert resp.status_code == status, resp.text
    ((_name, fault),) = resp.json().items()
    assert fault['code'] == status
    return fault['message']


def _image_and_network(api):
    sess = api.session()
    image = sess.get('/v2/images?name=cirros', endpoint_filter={'service_type': 'image'}).json()
    network = sess.get('/v2.0/networks?name=private',
                       endpoint_filter={'service_type': 'network'}).json()
    return image['images'][0]['id'], network['networks'][0]['id']


def _active(call, body):
    resp = call('POST', '/servers', version='2.37', json=body)
    assert resp.status_code == 202, resp.text
    server_id = resp.json()['server']['id']
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        server = call('GET', '/servers/' + server_id).json()['server']
        if server['status'] == 'ACTIVE':
            return server
        time.sleep(0.2)
    raise AssertionError('never ACTIVE: %s' % server['status'])


@pytest.fixture(scope='module')
def server(api, call):
    image, network = _image_and_network(api)
    server = _active(call, {'server': {
        'name': 'fidelity', 'imageRef': image, 'flavorRef': '1', 'networks': [{'uuid': network}],
        'accessIPv6': '0000:0000:0000:0000:0000:babe:220.12.22.2'}})
    yield server
    call('DELETE', '/servers/' + server['id'])


def test_simple_actions_take_an_empty_object(call, server):
    for action in ('pause', 'unpause', 'lock', 'unlock', 'suspend', 'resume'):
        resp = call('POST', '/servers/%s/action' % server['id'], json={action: {}})
        assert resp.status_code == 202, (action, resp.text)
        for _ in range(100):
            if call('GET', '/servers/' + server['id']).json()['server']['OS-EXT-STS:task_state'] is None:
                break
            time.sleep(0.1)


def test_access_ipv6_is_kept_in_canonical_form(call, server):
    assert server['accessIPv6'] == '::babe:dc0c:1602'


def test_metadata_items_quota_on_create_and_rebuild(api, call, server):
    image, network = _image_and_network(api)
    too_many = {'k%d' % i: 'v' for i in range(129)}
    resp = call('POST', '/servers', version='2.37', json={'server': {
        'name': 'meta', 'imageRef': image, 'flavorRef': '1', 'networks': [{'uuid': network}],
        'metadata': too_many}})
    assert _fault(resp, 403) == 'Maximum number of metadata items exceeds 128'
    resp = call('POST', '/servers/%s/action' % server['id'], json={'rebuild': {
        'imageRef': image, 'metadata': dict(too_many, extra='v')}})
    assert _fault(resp, 403) == 'Maximum number of metadata items exceeds 128'


@pytest.mark.parametrize('path,version,status', [
    ('/os-aggregates/' + BIG, '2.1', 404),
    ('/os-hypervisors/' + BIG, '2.1', 404),
    ('/flavors?minRam=99999999999999999999999', '2.1', 200),
    ('/flavors?minDisk=99999999999999999999999', '2.1', 200),
    ('/servers?power_state=99999999999999999999999', '2.1', 200),
    ('/os-server-groups?offset=99999999999999999999999', '2.1', 200),
    ('/os-hypervisors?marker=99999999999999999999999', '2.47', 400),
    ('/os-hypervisors/%C2%B2', '2.1', 404),
])
def test_integers_beyond_64_bits_are_no_500(call, path, version, status):
    resp = call('GET', path, version=version)
    assert resp.status_code == status, resp.text


def test_pre_2_6_rdp_console_is_a_bare_400(call, server):
    resp = call('POST', '/servers/%s/action' % server['id'], json={'os-getRDPConsole': {'type': 'rdp-html5'}})
    assert _fault(resp, 400).startswith('The server could not comply with the request')
    resp = call('POST', '/servers/%s/action' % server['id'], version='2.6',
                json={'os-getRDPConsole': {'type': 'rdp-html5'}})
    assert resp.status_code == 404


def test_version_documents(api, call):
    root = 'http://127.0.0.1:%d' % api.ports['compute']
    for path in ('/v2', '/v2/'):
        resp = requests.get(root + path, timeout=30)
        assert resp.status_code == 200, resp.text
        doc = resp.json()['version']
        assert doc['id'] == 'v2.0' and doc['status'] == 'DEPRECATED'
        assert doc['links'][0] == {'rel': 'self', 'href': root + '/v2/'}
        assert 'OpenStack-API-Version' not in resp.headers
    listed = requests.get(root + '/', timeout=30).json()['versions']
    for version in listed:
        assert requests.get(version['links'][0]['href'], timeout=30).status_code == 200
    doc = call('GET', '/versions/v2.0').json()['version']
    assert doc['id'] == 'v2.0' and doc['links'][0]['href'] == root + '/v2.1/'
    assert call('GET', '/versions/v2.1').json()['version']['version'] == '2.104'
    _fault(call('GET', '/versions/v3'), 404)
    resp = call('GET', '/flavors', version='2.200')
    _fault(resp, 406)
    assert resp.headers['OpenStack-API-Version'] == 'compute 2.200'
    assert resp.headers['X-OpenStack-Nova-API-Version'] == '2.200'


def test_baremetal_nodes_without_a_bare_metal_service(call):
    assert call('GET', '/os-baremetal-nodes').json() == {'nodes': []}
    assert _fault(call('GET', '/os-baremetal-nodes/n1'), 404) == 'Node n1 could not be found.'
    message = _fault(call('POST', '/os-baremetal-nodes', json={'node': {}}), 400)
    assert message == 'Command not supported. Please use Ironic command node-create to perform this action.'
    message = _fault(call('POST', '/os-baremetal-nodes/n1/action', json={'add_interface': {}}), 400)
    assert 'port-create' in message
    assert call('GET', '/os-baremetal-nodes', version='2.36').status_code == 404


def test_server_shares_without_a_share_service(call, server):
    path = '/servers/%s/shares' % server['id']
    assert call('GET', path, version='2.96').status_code == 404
    assert call('GET', path, version='2.97').json() == {'shares': []}
    share = 'e8debdc0-447a-4376-a10a-4cd9122d7986'
    assert _fault(call('GET', path + '/' + share, version='2.97'), 404) == \
        'Share %s could not be found.' % share
    message = _fault(call('POST', path, version='2.97', json={'share': {'share_id': share}}), 409)
    assert message == ("Cannot 'create share' instance %s while it is in vm_state active"
                       % server['id'])
    _fault(call('POST', path, version='2.97', json={'share': {}}), 400)


def test_extra_specs_validated_from_2_86(call):
    url = '/flavors/2/os-extra_specs'
    bogus = {'extra_specs': {'hw:bogus': '1'}}
    assert call('POST', url, version='2.85', json=bogus).status_code == 200
    assert _fault(call('POST', url, version='2.86', json=bogus), 400) == \
        "Validation failed; extra spec 'hw:bogus' does not appear to be a valid extra spec."
    message = _fault(call('PUT', url + '/hw:cpu_policy', version='2.86',
                          json={'hw:cpu_policy': 'fast'}), 400)
    assert message == "Validation failed; 'fast' is not one of: dedicated, shared, mixed."
    # validated before the URI is matched and before the flavor is looked up, as Nova does
    message = _fault(call('PUT', url + '/other', version='2.86', json={'hw:numa_nodes': 0}), 400)
    assert message == "Validation failed; '0' is less than the min value of '1'."
    assert _fault(call('POST', '/flavors/nope/os-extra_specs', version='2.86', json=bogus), 400)
    resp = call('POST', url, version='2.86', json={'extra_specs': {
        'hw:cpu_policy': 'shared', 'hw:numa_nodes': 2, 'trait:HW_CPU_X86_AVX2': 'required',
        'resources1:CUSTOM_MAGIC': '1', 'mine:anything': 'goes', 'plain': 'x'}})
    assert resp.status_code == 200, resp.text
    assert resp.json()['extra_specs']['hw:numa_nodes'] == 2
    specs = call('GET', url).json()['extra_specs']
    assert specs['hw:numa_nodes'] == '2' and specs['mine:anything'] == 'goes'
    for key in list(specs):
        assert call('DELETE', url + '/' + key).status_code == 200


def test_instance_actions_updated_at_follows_the_last_event(call, server):
    actions = call('GET', '/servers/%s/os-instance-actions' % server['id'], version='2.58').json()
    created = [a for a in actions['instanceActions'] if a['action'] == 'create'][0]
    assert created['updated_at'] is not None and created['updated_at'] >= created['start_time']
    since = created['updated_at']
    time.sleep(1.1)
    resp = call('POST', '/servers/%s/action' % server['id'], json={'lock': None})
    assert resp.status_code == 202
    listed = call('GET', '/servers/%s/os-instance-actions?changes-since=%s' % (server['id'], since),
                  version='2.58').json()['instanceActions']
    assert [a['action'] for a in listed][:1] == ['lock']
    assert 'create' in [a['action'] for a in listed]   # updated at ``since`` exactly
    call('POST', '/servers/%s/action' % server['id'], json={'unlock': None})


def test_availability_zone_detail_shows_heartbeats(call):
    zones = call('GET', '/os-availability-zone/detail').json()['availabilityZoneInfo']
    internal = [z for z in zones if z['zoneName'] == 'internal'][0]
    services = internal['hosts']['controller']
    assert set(services) == {'nova-scheduler', 'nova-conductor'}
    for state in services.values():
        assert state['available'] is True and state['active'] is True
        assert re.fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}', state['updated_at'])
    nova = [z for z in zones if z['zoneName'] == 'nova'][0]
    assert all(s['nova-compute']['updated_at'] for s in nova['hosts'].values())


def test_usage_audit_log_lists_hosts_not_run(call):
    hosts = sorted(s['host'] for s in call('GET', '/os-services?binary=nova-compute').json()['services'])
    for path in ('/os-instance_usage_audit_log', '/os-instance_usage_audit_log/2012-07-05 10:00:00',
                 '/os-instance_usage_audit_log/2012-07-05%2010:00:00.5'):
        log = call('GET', path).json()
        log = log.get('instance_usage_audit_log') or log['instance_usage_audit_logs']
        assert sorted(log['hosts_not_run']) == hosts and log['num_hosts_not_run'] == len(hosts)
        assert log['overall_status'] == '0 of %d hosts done. 0 errors.' % len(hosts)


def test_cold_move_no_host_takes_is_202_then_a_failed_action(call, server):
    flavor = call('POST', '/flavors', json={'flavor': {
        'name': 'no-host-%s' % time.monotonic_ns(), 'ram': 512, 'vcpus': 1,
        'disk': 1000000}}).json()['flavor']
    try:
        resp = call('POST', '/servers/%s/action' % server['id'],
                    json={'resize': {'flavorRef': flavor['id']}})
        assert resp.status_code == 202, resp.text
        shown = call('GET', '/servers/' + server['id']).json()['server']
        assert (shown['status'], shown['OS-EXT-STS:task_state']) == ('ACTIVE', None)
        assert 'fault' not in shown    # shown only for ERROR and DELETED servers, as Nova
        actions = call('GET', '/servers/%s/os-instance-actions' % server['id']).json()
        resize = [a for a in actions['instanceActions'] if a['action'] == 'resize'][0]
        assert resize['message'] == 'Error'
        events = call('GET', '/servers/%s/os-instance-actions/%s' % (
            server['id'], resize['request_id'])).json()['instanceAction']['events']
        assert [(e['event'], e['result']) for e in events] == [('conductor_migrate_server',
                                                                 'Error')]
        migrations = call('GET', '/os-migrations?instance_uuid=' + server['id'],
                          version='2.59').json()['migrations']
        assert [(m['migration_type'], m['status']) for m in migrations][:1] == [('resize',
                                                                                'error')]
    finally:
        call('DELETE', '/flavors/' + flavor['id'])
