"""Version documents: the list at ``/``, the v2.1 document, and 300 choices elsewhere."""

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
