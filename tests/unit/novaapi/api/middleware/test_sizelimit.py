"""Request bodies over max_request_body_size are refused with 413."""


def test_body_size_limit(compute, admin_token):
    resp = compute.request('POST', '/v2.1/flavors', admin_token, raw=b'x' * 114689,
                           headers={'Content-Type': 'application/json'})
    assert resp.status_int == 413
    assert resp.json['overLimit']['message'] == \
        'Request is too large. Larger than max_request_body_size (114688).'
