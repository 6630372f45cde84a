"""Request ids: a fresh id per request, a valid inbound one kept as the global id."""

import os
import uuid

import webob

from novaapi.web.middleware import request_id


def _seen():
    seen = {}

    def app(environ, start_response):
        seen.update(environ)
        return webob.Response('ok')(environ, start_response)
    return seen, app


def test_fresh_id_in_the_response_and_compat_headers():
    seen, app = _seen()
    filtered = request_id.RequestId.factory({}, compat_headers='x-compute-request-id')(app)
    resp = webob.Request.blank('/').get_response(filtered)
    rid = seen[request_id.ENV_REQUEST_ID]
    assert rid.startswith('req-') and len(rid) == 40
    assert resp.headers['x-openstack-request-id'] == rid
    assert resp.headers['x-compute-request-id'] == rid


def test_ids_are_distinct_version_4_uuids_in_every_forked_worker():
    def ids(count):
        return [request_id.new_request_id() for _ in range(count)]
    here = ids(2000)
    for rid in here:
        value = uuid.UUID(rid[4:])
        assert rid == 'req-%s' % value and request_id._GLOBAL_ID.match(rid)
        assert value.version == 4 and value.variant == uuid.RFC_4122
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # a worker forked after ids were drawn: not the parent's next ones
        os.write(write, ' '.join(ids(50)).encode())
        os._exit(0)
    os.close(write)
    child = os.read(read, 1 << 16).decode().split()
    os.waitpid(pid, 0)
    os.close(read)
    assert len(child) == 50 and not set(child) & set(here + ids(50))
    assert len(set(here)) == len(here)


def test_no_compat_header_by_default():
    seen, app = _seen()
    resp = webob.Request.blank('/').get_response(request_id.RequestId(app))
    assert 'x-compute-request-id' not in resp.headers
    assert resp.headers['x-openstack-request-id'] == seen[request_id.ENV_REQUEST_ID]


def test_inbound_id_is_the_global_id_only_when_well_formed():
    inbound = 'req-11111111-2222-3333-4444-555555555555'
    seen, app = _seen()
    filtered = request_id.RequestId(app)
    webob.Request.blank('/', headers={'X-Openstack-Request-Id': inbound}).get_response(filtered)
    assert seen[request_id.ENV_GLOBAL_REQUEST_ID] == inbound
    assert seen[request_id.ENV_REQUEST_ID] != inbound
    seen.clear()
    webob.Request.blank('/', headers={'X-Openstack-Request-Id': 'bogus'}).get_response(filtered)
    assert request_id.ENV_GLOBAL_REQUEST_ID not in seen


def test_request_ids_are_fresh_per_request(compute, admin_token):
    inbound = 'req-11111111-2222-3333-4444-555555555555'
    first = compute.request('GET', '/v2.1/flavors', admin_token, headers={'X-Openstack-Request-Id': inbound})
    second = compute.request('GET', '/v2.1/flavors', admin_token)
    assert first.headers['x-openstack-request-id'].startswith('req-')
    assert first.headers['x-openstack-request-id'] != inbound
    assert first.headers['x-openstack-request-id'] != second.headers['x-openstack-request-id']
