"""The compute pipeline around the router: version documents, request ids, limits, faults."""

import json

import webob

from novaapi.api.middleware import faultwrap
from novaapi.compute import policy
from novaapi import context
from novaapi import exception

import pytest


def test_version_list_at_root(compute):
    resp = compute.request('GET', '/')
    assert resp.status_int == 200
    assert 'OpenStack-API-Version' not in resp.headers
    assert 'x-openstack-request-id' not in resp.headers
    versions = resp.json['versions']
    assert [(v['id'], v['status'], v['version'], v['min_version']) for v in versions] == [
        ('v2.0', 'DEPRECATED', '', ''), ('v2.1', 'CURRENT', '2.104', '2.1')]
    assert versions[1]['links'] == [{'rel': 'self', 'href': 'http://127.0.0.1:8774/v2.1/'}]


@pytest.mark.parametrize('path', ['/v2.1', '/v2.1/'])
def test_v21_document_needs_no_token(compute, path):
    resp = compute.request('GET', path)
    assert resp.status_int == 200
    doc = resp.json['version']
    assert sorted(doc) == ['id', 'links', 'media-types', 'min_version', 'status', 'updated', 'version']
    assert doc['version'] == '2.104'
    assert resp.headers['x-compute-request-id'] == resp.headers['x-openstack-request-id']


def test_v21_document_with_project_needs_token(compute, admin_token):
    resp = compute.request('GET', '/v2.1/flavors', admin_token)
    assert resp.status_int == 200
    project_id = None
    from novaapi.identity import tokens
    project_id = tokens.validate(admin_token).project_id
    resp = compute.request('GET', '/v2.1/%s/' % project_id, admin_token)
    assert resp.json['version']['id'] == 'v2.1'
    assert compute.request('GET', '/v2.1/%s/' % project_id).status_int == 401


def test_unknown_path_gives_choices(compute):
    resp = compute.request('GET', '/foo')
    assert resp.status_int == 300
    assert [c['id'] for c in resp.json['choices']] == ['v2.0', 'v2.1']


def test_request_ids_are_fresh_per_request(compute, admin_token):
    inbound = 'req-11111111-2222-3333-4444-555555555555'
    first = compute.request('GET', '/v2.1/flavors', admin_token, headers={'X-Openstack-Request-Id': inbound})
    second = compute.request('GET', '/v2.1/flavors', admin_token)
    assert first.headers['x-openstack-request-id'].startswith('req-')
    assert first.headers['x-openstack-request-id'] != inbound
    assert first.headers['x-openstack-request-id'] != second.headers['x-openstack-request-id']


def test_removed_api_is_gone(compute, admin_token):
    resp = compute.request('GET', '/v2.1/os-cells', admin_token)
    assert resp.status_int == 410
    assert resp.json == {'computeFault': {'code': 410, 'message':
                         'This resource is no longer available. No forwarding address is given.'}}


def test_body_size_limit(compute, admin_token):
    resp = compute.request('POST', '/v2.1/flavors', admin_token, raw=b'x' * 114689,
                           headers={'Content-Type': 'application/json'})
    assert resp.status_int == 413
    assert resp.json['overLimit']['message'] == \
        'Request is too large. Larger than max_request_body_size (114688).'


def test_fault_wrapper_hides_tracebacks():
    def broken(environ, start_response):
        raise ValueError('database password is hunter2')
    app = faultwrap.FaultWrapper(broken)
    resp = webob.Request.blank('/').get_response(app)
    assert resp.status_int == 500
    body = json.loads(resp.body)
    assert body['computeFault']['code'] == 500
    assert 'hunter2' not in resp.text and 'Traceback' not in resp.text


def test_policy_kinds(monkeypatch):
    member = context.RequestContext('u', 'p1', ['member', 'reader'])
    reader = context.RequestContext('u', 'p1', ['reader'])
    admin = context.RequestContext('a', 'p0', ['admin', 'manager', 'member', 'reader'])
    nobody = context.RequestContext('n', 'p1', [])
    for rule, kind in {'test:read': policy.PROJECT_READER, 'test:write': policy.PROJECT_MEMBER,
                       'test:admin': policy.ADMIN, 'test:own': policy.OWNER}.items():
        monkeypatch.setitem(policy.RULES, rule, kind)
    assert policy.check(reader, 'test:read') and not policy.check(reader, 'test:write')
    assert policy.check(member, 'test:write', {'project_id': 'p1'})
    assert not policy.check(member, 'test:write', {'project_id': 'p2'})
    assert policy.check(admin, 'test:write', {'project_id': 'p2'}) and policy.check(admin, 'test:admin')
    assert not policy.check(nobody, 'test:read')
    assert policy.check(member, 'test:own', {'user_id': 'u'}) and not policy.check(member, 'test:own',
                                                                                   {'user_id': 'x'})
    with pytest.raises(exception.PolicyNotAuthorized) as err:
        policy.authorize(member, 'test:admin')
    assert err.value.message == "Policy doesn't allow os_compute_api:test:admin to be performed."
