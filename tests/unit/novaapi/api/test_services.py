"""/os-services: list per microversion, the pre-2.53 action forms, 2.53 PUT by uuid, delete."""

import uuid

from tests.conftest import sample


def _services(op, version='2.1', query=''):
    return op.ok('GET', '/os-services' + query, version=version)['services']


def test_list_keys_follow_the_samples(op):
    for version, path in (('2.1', 'os-services/services-list-get-resp.json'),
                          ('2.11', 'os-services/v2.11/services-list-get-resp.json'),
                          ('2.53', 'os-services/v2.53/services-list-get-resp.json')):
        expected = set(sample(path)['services'][0])
        found = _services(op, version)
        assert [set(s) for s in found] == [expected] * len(found), version
    found = _services(op)
    assert [(s['binary'], s['host'], s['zone']) for s in found] == [
        ('nova-scheduler', 'controller', 'internal'), ('nova-conductor', 'controller', 'internal'),
        ('nova-compute', 'compute1', 'nova'), ('nova-compute', 'compute2', 'nova')]
    assert all(s['state'] == 'up' and s['status'] == 'enabled' for s in found)
    assert isinstance(found[0]['id'], int)
    assert uuid.UUID(_services(op, '2.53')[0]['id'])
    assert len(found[0]['updated_at']) == len('2012-10-29T13:42:02.000000')


def test_list_filters_and_strict_query(op):
    assert [s['host'] for s in _services(op, query='?binary=nova-compute')] == ['compute1', 'compute2']
    assert [s['binary'] for s in _services(op, query='?host=compute2')] == ['nova-compute']
    assert op.call('GET', '/os-services?foo=1', version='2.75').status_int == 400
    assert op.call('GET', '/os-services?foo=1', version='2.74').status_int == 200


def test_demo_is_forbidden(op):
    resp = op.call('GET', '/os-services', demo=True)
    assert resp.status_int == 403
    assert resp.data['forbidden']['message'] == (
        "Policy doesn't allow os_compute_api:os-services:list to be performed.")
    assert op.call('PUT', '/os-services/disable', {'host': 'compute1', 'binary': 'nova-compute'},
                   demo=True).status_int == 403


def test_legacy_enable_disable_force_down(op):
    body = {'host': 'compute1', 'binary': 'nova-compute'}
    assert op.ok('PUT', '/os-services/disable', body) == sample('os-services/service-disable-put-resp.json') | {
        'service': {'binary': 'nova-compute', 'host': 'compute1', 'status': 'disabled'}}
    got = op.ok('PUT', '/os-services/disable-log-reason', dict(body, disabled_reason='test2'))
    assert set(got['service']) == set(sample('os-services/service-disable-log-put-resp.json')['service'])
    compute1 = _services(op, query='?host=compute1')[0]
    assert (compute1['status'], compute1['disabled_reason']) == ('disabled', 'test2')
    assert op.ok('PUT', '/os-services/enable', body)['service']['status'] == 'enabled'
    resp = op.call('PUT', '/os-services/disable-log-reason', body)
    assert resp.data['badRequest']['message'] == 'Missing disabled reason field'
    assert op.call('PUT', '/os-services/force-down', dict(body, forced_down=True)).status_int == 400
    got = op.ok('PUT', '/os-services/force-down', dict(body, forced_down=True), version='2.11')
    assert got == {'service': {'host': 'compute1', 'binary': 'nova-compute', 'forced_down': True}}
    compute1 = _services(op, '2.11', '?host=compute1')[0]
    assert (compute1['state'], compute1['forced_down']) == ('down', True)


def test_legacy_errors(op):
    resp = op.call('PUT', '/os-services/bogus', {'host': 'compute1', 'binary': 'nova-compute'})
    assert (resp.status_int, resp.data['itemNotFound']['message']) == (404, 'Unknown action')
    resp = op.call('PUT', '/os-services/disable', {'host': 'controller', 'binary': 'nova-scheduler'})
    assert resp.data['badRequest']['message'] == (
        'Updating a nova-scheduler service is not supported. Only nova-compute services can be updated.')
    resp = op.call('PUT', '/os-services/disable', {'host': 'nowhere', 'binary': 'nova-compute'})
    assert resp.data['itemNotFound']['message'] == 'Could not find binary nova-compute on host nowhere.'
    resp = op.call('PUT', '/os-services/disable', {'host': 'compute1'})
    assert resp.status_int == 400
    assert op.call('PUT', '/os-services/disable', {'status': 'disabled'}, version='2.53').status_int == 400


def test_v253_update_by_uuid(op):
    compute1 = _services(op, '2.53', '?host=compute1')[0]
    path = '/os-services/' + compute1['id']
    got = op.ok('PUT', path, {'status': 'disabled', 'disabled_reason': 'maintenance'}, version='2.53')
    assert set(got['service']) == set(sample('os-services/v2.53/service-disable-log-put-resp.json')['service'])
    assert (got['service']['status'], got['service']['disabled_reason']) == ('disabled', 'maintenance')
    got = op.ok('PUT', path, {'forced_down': True}, version='2.53')['service']
    assert (got['forced_down'], got['state'], got['status']) == (True, 'down', 'disabled')
    got = op.ok('PUT', path, {'status': 'enabled', 'forced_down': False}, version='2.53')['service']
    assert (got['status'], got['disabled_reason'], got['state']) == ('enabled', None, 'up')
    for body, message in (({}, "No updates were requested. Fields 'status' or 'forced_down' should be "
                               "specified."),
                          ({'status': 'enabled', 'disabled_reason': 'x'},
                           "Specifying 'disabled_reason' with status 'enabled' is invalid.")):
        resp = op.call('PUT', path, body, version='2.53')
        assert resp.data['badRequest']['message'] == message
    resp = op.call('PUT', '/os-services/1', {'status': 'enabled'}, version='2.53')
    assert resp.data['badRequest']['message'] == 'Invalid uuid 1'
    missing = str(uuid.uuid4())
    resp = op.call('PUT', '/os-services/' + missing, {'status': 'enabled'}, version='2.53')
    assert resp.data['itemNotFound']['message'] == 'Service %s could not be found.' % missing
    scheduler = _services(op, '2.53', '?binary=nova-scheduler')[0]
    resp = op.call('PUT', '/os-services/' + scheduler['id'], {'status': 'disabled'}, version='2.53')
    assert resp.status_int == 400


def test_disabled_host_is_skipped_by_the_scheduler(op):
    op.ok('PUT', '/os-services/disable', {'host': 'compute1', 'binary': 'nova-compute'})
    hosts = set()
    for i in range(3):
        server = op.boot('vm%d' % i)
        hosts.add(op.ok('GET', '/servers/' + server)['server']['OS-EXT-SRV-ATTR:host'])
    assert hosts == {'compute2'}


def test_delete(op):
    server = op.boot()
    host = op.ok('GET', '/servers/' + server)['server']['OS-EXT-SRV-ATTR:host']
    other = ({'compute1', 'compute2'} - {host}).pop()
    by_host = {s['host']: s for s in _services(op, query='?binary=nova-compute')}
    resp = op.call('DELETE', '/os-services/%s' % by_host[host]['id'])
    assert resp.status_int == 409
    assert resp.data['conflictingRequest']['message'] == (
        'Unable to delete compute service that is hosting instances. Migrate or delete the instances first.')
    assert op.call('DELETE', '/os-services/abc').data['badRequest']['message'] == (
        'Invalid input received: id must be an integer')
    assert op.call('DELETE', '/os-services/999').data['itemNotFound']['message'] == 'Service 999 not found.'
    resp = op.call('DELETE', '/os-services/%s' % by_host[other]['id'])
    assert (resp.status_int, resp.body) == (204, b'')
    assert other not in {s['host'] for s in _services(op)}
    assert other not in {h['hypervisor_hostname'] for h in op.ok('GET', '/os-hypervisors')['hypervisors']}
    scheduler = _services(op, '2.53', '?binary=nova-scheduler')[0]
    assert op.call('DELETE', '/os-services/' + scheduler['id'], version='2.53').status_int == 204
    assert op.call('DELETE', '/os-services/1', version='2.53').status_int == 400


def test_state_follows_the_heartbeat(op):
    import datetime
    from novaapi.compute import services
    from novaapi.db import engine
    with engine.transaction() as sess:
        services.beat(sess, datetime.datetime(2020, 1, 1))
    assert {s['state'] for s in _services(op)} == {'down'}
    with engine.transaction() as sess:
        services.beat(sess)
    assert {s['state'] for s in _services(op)} == {'up'}
