"""Malformed requests against a real nova-api: 400 in each service's own error body, never a
traceback; chunked bodies are read, and refused with 413 past the size limit."""

import json

import pytest
import requests

pytestmark = pytest.mark.functional

LIMIT = 114688
NESTED = b'[' * 2000
JSON = {'Content-Type': 'application/json', 'Accept': 'application/json'}
BAD_URLS = {
    'compute': '/v2.1/servers/%ff%fe',
    'identity': '/v3/%ff',
    'image': '/v2/images/%ff',
    'network': '/v2.0/networks/%ff',
}
BAD_QUERIES = {
    'compute': '/v2.1/flavors?name=%ff',
    'identity': '/v3/users?name=%ff',
    'image': '/v2/images?name=%ff',
    'network': '/v2.0/networks?name=%ff',
}


def _url(api, service, path):
    return 'http://127.0.0.1:%d%s' % (api.ports[service], path)


def _headers(token=None, **extra):
    headers = dict({'Accept': 'application/json'}, **extra)
    if token:
        headers['X-Auth-Token'] = token
    return headers


def _chunks(data, size=1000):
    """A generator body, which requests sends with ``Transfer-Encoding: chunked``."""
    for start in range(0, len(data), size):
        yield data[start:start + size]


def _json_body(data):
    return json.dumps(data).encode('utf-8')


def assert_format(service, resp, status):
    """``resp`` is a ``status`` in the service's own error body, without a traceback."""
    assert resp.status_code == status, resp.text
    assert 'Traceback' not in resp.text and 'File "' not in resp.text
    if service == 'compute':
        ((name, fault),) = resp.json().items()
        assert name == {400: 'badRequest', 401: 'unauthorized', 413: 'overLimit'}[status]
        assert fault['code'] == status and fault['message']
    elif service == 'identity':
        error = resp.json()['error']
        assert error['code'] == status and error['title'] and error['message']
    elif service == 'image':
        # Glance answers with WebOb's error page, here in its JSON form.
        error = resp.json()
        assert error['code'].startswith('%d ' % status) and error['title'] and error['message']
    else:
        error = resp.json()['NeutronError']
        assert error['type'].startswith('HTTP') and error['message'] and error['detail'] == ''
    return resp


@pytest.fixture(scope='module')
def token(api):
    return api.token()


@pytest.mark.parametrize('service', sorted(BAD_URLS))
@pytest.mark.parametrize('with_token', [False, True], ids=['no-token', 'token'])
def test_path_that_is_not_utf8_is_a_400(api, token, service, with_token):
    resp = requests.get(_url(api, service, BAD_URLS[service]),
                        headers=_headers(token if with_token else None), timeout=30)
    assert_format(service, resp, 400)


@pytest.mark.parametrize('service', sorted(BAD_QUERIES))
def test_query_that_is_not_utf8_is_a_400(api, token, service):
    resp = requests.get(_url(api, service, BAD_QUERIES[service]), headers=_headers(token),
                        timeout=30)
    assert_format(service, resp, 400)


def test_root_paths_that_are_not_utf8_are_a_400(api):
    for service in ('compute', 'identity', 'image', 'network'):
        resp = requests.get(_url(api, service, '/%ff'), headers=_headers(), timeout=30)
        assert_format(service, resp, 400)


NESTED_ROUTES = {
    'compute': '/v2.1/os-keypairs',
    'identity': '/v3/users',
    'image': '/v2/images',
    'network': '/v2.0/networks',
}


@pytest.mark.parametrize('service', sorted(NESTED_ROUTES))
def test_deeply_nested_body_is_a_400(api, token, service):
    resp = requests.post(_url(api, service, NESTED_ROUTES[service]), data=NESTED,
                         headers=_headers(token, **JSON), timeout=30)
    assert_format(service, resp, 400)
    if service == 'compute':
        assert resp.json() == {'badRequest': {'code': 400, 'message': 'Malformed request body'}}


def test_deeply_nested_image_patch_is_a_400(api, token):
    images = requests.get(_url(api, 'image', '/v2/images'), headers=_headers(token),
                          timeout=30).json()['images']
    resp = requests.patch(
        _url(api, 'image', '/v2/images/%s' % images[0]['id']), data=NESTED, timeout=30,
        headers=_headers(token, **{'Content-Type': 'application/openstack-images-v2.1-json-patch'}))
    assert_format('image', resp, 400)


def test_deeply_nested_body_to_a_public_route_is_a_400(api):
    resp = requests.post(_url(api, 'identity', '/v3/auth/tokens'), data=NESTED, headers=JSON,
                         timeout=30)
    assert_format('identity', resp, 400)


@pytest.mark.parametrize('service', ['compute', 'image', 'network'])
def test_deeply_nested_body_without_a_token_is_a_401(api, service):
    # Authentication comes first, as keystonemiddleware's does in a real cloud.
    resp = requests.post(_url(api, service, NESTED_ROUTES[service]), data=NESTED, headers=JSON,
                         timeout=30)
    assert resp.status_code == 401 and 'Traceback' not in resp.text


def test_chunked_keypair_create_is_read(api, token):
    body = _json_body({'keypair': {'name': 'chunked-kp'}})
    resp = requests.post(_url(api, 'compute', '/v2.1/os-keypairs'), data=_chunks(body, 7),
                         headers=_headers(token, **JSON), timeout=30)
    assert resp.status_code == 200, resp.text
    assert resp.json()['keypair']['name'] == 'chunked-kp'
    try:
        shown = api.compute('GET', '/os-keypairs/chunked-kp', token)
        assert shown.status_code == 200
    finally:
        api.compute('DELETE', '/os-keypairs/chunked-kp', token)


def test_chunked_bodies_are_read_by_identity_image_and_network(api, token):
    env = api.admin_openrc
    auth = {'auth': {'identity': {'methods': ['password'], 'password': {'user': {
        'name': env['OS_USERNAME'], 'domain': {'name': 'Default'},
        'password': env['OS_PASSWORD']}}}}}
    resp = requests.post(_url(api, 'identity', '/v3/auth/tokens'),
                         data=_chunks(_json_body(auth), 10), headers=JSON, timeout=30)
    assert resp.status_code == 201, resp.text
    assert resp.headers['X-Subject-Token']

    image = {'name': 'chunked-image', 'disk_format': 'raw', 'container_format': 'bare'}
    resp = requests.post(_url(api, 'image', '/v2/images'), data=_chunks(_json_body(image), 10),
                         headers=_headers(token, **JSON), timeout=30)
    assert resp.status_code == 201, resp.text
    requests.delete(_url(api, 'image', '/v2/images/%s' % resp.json()['id']),
                    headers=_headers(token), timeout=30)

    network = {'network': {'name': 'chunked-net'}}
    resp = requests.post(_url(api, 'network', '/v2.0/networks'),
                         data=_chunks(_json_body(network), 10), headers=_headers(token, **JSON),
                         timeout=30)
    assert resp.status_code == 201, resp.text
    assert resp.json()['network']['name'] == 'chunked-net'


CHUNKED_ROUTES = {
    'compute': '/v2.1/os-keypairs',
    'identity': '/v3/auth/tokens',
    'image': '/v2/images',
    'network': '/v2.0/networks',
}


@pytest.mark.parametrize('service', sorted(CHUNKED_ROUTES))
def test_chunked_body_over_the_limit_is_a_413(api, token, service):
    body = b'{"padding": "' + b'x' * LIMIT + b'"}'
    resp = requests.post(_url(api, service, CHUNKED_ROUTES[service]), data=_chunks(body, 8192),
                         headers=_headers(token, **JSON), timeout=30)
    assert_format(service, resp, 413)
    if service == 'compute':
        assert resp.json()['overLimit']['message'] == (
            'Request is too large. Larger than max_request_body_size (%d).' % LIMIT)


@pytest.mark.parametrize('service', sorted(CHUNKED_ROUTES))
def test_sized_body_over_the_limit_is_a_413(api, token, service):
    body = b'{"padding": "' + b'x' * LIMIT + b'"}'
    resp = requests.post(_url(api, service, CHUNKED_ROUTES[service]), data=body,
                         headers=_headers(token, **JSON), timeout=30)
    assert_format(service, resp, 413)
