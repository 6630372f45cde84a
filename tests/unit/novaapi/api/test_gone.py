"""APIs Nova has removed answer 410."""


def test_removed_api_is_gone(compute, admin_token):
    resp = compute.request('GET', '/v2.1/os-cells', admin_token)
    assert resp.status_int == 410
    assert resp.json == {'computeFault': {'code': 410, 'message':
                         'This resource is no longer available. No forwarding address is given.'}}
