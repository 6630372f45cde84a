"""Request ids: every response carries a fresh one."""


def test_request_ids_are_fresh_per_request(compute, admin_token):
    inbound = 'req-11111111-2222-3333-4444-555555555555'
    first = compute.request('GET', '/v2.1/flavors', admin_token, headers={'X-Openstack-Request-Id': inbound})
    second = compute.request('GET', '/v2.1/flavors', admin_token)
    assert first.headers['x-openstack-request-id'].startswith('req-')
    assert first.headers['x-openstack-request-id'] != inbound
    assert first.headers['x-openstack-request-id'] != second.headers['x-openstack-request-id']
