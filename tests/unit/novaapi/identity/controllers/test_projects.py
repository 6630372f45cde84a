"""``/v3/projects``: CRUD, conflicts and validation; who may call the admin API at all."""

import pytest

from novaapi import conf

from tests.unit.novaapi.identity import conftest


def test_project_crud(client, admin_token):
    project = conftest.create(client, admin_token, 'projects', 'project',
                              {'name': 'p1', 'description': 'first', 'enabled': True})
    assert project['domain_id'] == 'default' and project['parent_id'] == 'default'
    assert project['links']['self'] == 'http://localhost/v3/projects/%s' % project['id']
    url = '/v3/projects/%s' % project['id']
    assert client.get(url, token=admin_token).data['project']['name'] == 'p1'
    listed = client.get('/v3/projects?name=p1', token=admin_token).data
    assert [p['id'] for p in listed['projects']] == [project['id']]
    assert listed['links'] == {'self': 'http://localhost/v3/projects?name=p1',
                               'previous': None, 'next': None}
    assert len(client.get('/v3/projects?domain_id=default', token=admin_token)
               .data['projects']) == 4
    resp = client.patch(url, {'project': {'description': 'changed', 'enabled': False}},
                        token=admin_token)
    assert resp.data['project']['description'] == 'changed'
    assert resp.data['project']['enabled'] is False
    assert client.delete(url, token=admin_token).status_int == 204
    resp = client.get(url, token=admin_token)
    assert resp.status_int == 404
    assert resp.data == {'error': {'code': 404, 'title': 'Not Found',
                                   'message': 'Could not find project: %s.' % project['id']}}


def test_project_domain_cannot_change(client, admin_token, ids):
    resp = client.patch('/v3/projects/%s' % ids['demo_project_id'],
                        {'project': {'domain_id': 'other'}}, token=admin_token)
    assert resp.status_int == 400


def test_duplicate_project_409(client, admin_token):
    resp = client.post('/v3/projects', {'project': {'name': 'demo'}}, token=admin_token)
    assert resp.status_int == 409
    assert resp.data['error'] == {
        'code': 409, 'title': 'Conflict',
        'message': 'Conflict occurred attempting to store project - Duplicate entry found '
                   'with name demo at domain ID default.'}


@pytest.mark.parametrize('collection,key,ref', [
    ('users', 'user', {'name': 'demo'}),
    ('roles', 'role', {'name': 'member'}),
    ('domains', 'domain', {'name': 'Default'}),
])
def test_other_duplicates_409(client, admin_token, collection, key, ref):
    resp = client.post('/v3/%s' % collection, {key: ref}, token=admin_token)
    assert resp.status_int == 409
    assert resp.data['error']['message'].startswith(
        'Conflict occurred attempting to store %s - Duplicate entry' % key)


def test_create_validation_400(client, admin_token):
    resp = client.post('/v3/projects', {'project': {'description': 'no name'}},
                       token=admin_token)
    assert resp.status_int == 400
    assert resp.data['error']['message'] == "'name' is a required property"
    resp = client.post('/v3/projects', {'name': 'x'}, token=admin_token)
    assert resp.status_int == 400 and 'Expecting to find project' in resp.data['error']['message']


@pytest.mark.parametrize('method,path,action', [
    ('GET', '/v3/projects', 'identity:list_projects'),
    ('POST', '/v3/projects', 'identity:create_project'),
    ('GET', '/v3/users', 'identity:list_users'),
    ('POST', '/v3/users', 'identity:create_user'),
    ('GET', '/v3/roles', 'identity:list_roles'),
    ('GET', '/v3/domains', 'identity:list_domains'),
    ('GET', '/v3/services', 'identity:list_services'),
    ('POST', '/v3/endpoints', 'identity:create_endpoint'),
    ('GET', '/v3/role_assignments', 'identity:list_role_assignments'),
    ('PUT', '/v3/projects/x/users/y/roles/z', 'identity:create_grant'),
])
def test_member_gets_403(client, demo_token, method, path, action):
    body = {'project': {'name': 'sneaky'}} if method == 'POST' else None
    resp = client.request(method, path, body, token=demo_token)
    assert resp.status_int == 403
    assert resp.data == {'error': {
        'code': 403, 'title': 'Forbidden',
        'message': 'You are not authorized to perform the requested action: %s.' % action}}


def test_no_token_401(client):
    resp = client.get('/v3/projects')
    assert resp.status_int == 401
    assert resp.headers['WWW-Authenticate'] == 'Keystone uri="http://localhost"'


def test_project_tags_and_tag_filters(client, admin_token):
    made = {}
    for name, tags in (('t1', ['a', 'b']), ('t2', ['b', 'c']), ('t3', [])):
        made[name] = conftest.create(client, admin_token, 'projects', 'project',
                                     {'name': name, 'tags': tags})['id']
    url = '/v3/projects/%s/tags' % made['t3']
    assert client.get(url, token=admin_token).data == {
        'tags': [], 'links': {'self': 'http://localhost/v3'}}
    resp = client.put(url + '/x', token=admin_token)
    assert resp.status_int == 201 and resp.body == b''
    assert resp.headers['Location'] == 'http://localhost/v3/%s/tags/x' % made['t3']
    assert client.get(url + '/x', token=admin_token).status_int == 204
    resp = client.get(url + '/y', token=admin_token)
    assert (resp.status_int, resp.data['error']['message']) == (
        404, 'Could not find project tag: y.')
    assert client.put(url + '/a,b', token=admin_token).status_int == 400
    resp = client.request('PUT', url, {'tags': ['c', 'a']}, token=admin_token)
    assert resp.data['tags'] == ['c', 'a']
    assert client.get('/v3/projects/%s' % made['t3'], token=admin_token).data[
        'project']['tags'] == ['a', 'c']
    assert client.request('PUT', url, {'tags': ['x'] * 2}, token=admin_token).status_int == 400
    assert client.request('PUT', url, {'tags': ['t%d' % i for i in range(81)]},
                      token=admin_token).status_int == 400

    def names(query):
        rows = client.get('/v3/projects?' + query, token=admin_token).data['projects']
        return sorted(p['name'] for p in rows if p['name'] in made)
    assert names('tags=a,b') == ['t1'] and names('tags-any=a,b') == ['t1', 't2', 't3']
    assert names('tags=c&tags-any=a') == ['t3'] and names('not-tags=a,c') == ['t1', 't2']
    assert names('not-tags-any=a') == ['t2'] and names('tags=b&name=t2') == ['t2']
    assert client.delete(url + '/c', token=admin_token).status_int == 204
    assert client.delete(url + '/c', token=admin_token).status_int == 404
    assert client.delete(url, token=admin_token).status_int == 204
    assert client.get(url, token=admin_token).data['tags'] == []
    assert client.delete('/v3/projects/%s' % made['t1'], token=admin_token).status_int == 204


def test_projects_page_by_id_with_truncated_and_next(client, admin_token):
    every = client.get('/v3/projects', token=admin_token).data
    ids = [p['id'] for p in every['projects']]
    assert ids == sorted(ids) and 'truncated' not in every and every['links']['next'] is None
    page = client.get('/v3/projects?limit=2&enabled=true', token=admin_token).data
    assert [p['id'] for p in page['projects']] == ids[:2] and page['truncated'] is True
    assert page['links']['next'] == ('http://localhost/v3/projects?limit=2&enabled=true&marker='
                                     '%s' % ids[1])
    rest = client.get('/v3/projects?limit=20&marker=%s' % ids[1], token=admin_token).data
    assert [p['id'] for p in rest['projects']] == ids[2:] and 'truncated' not in rest
    resp = client.get('/v3/projects?marker=nope', token=admin_token)
    assert (resp.status_int, resp.data['error']['message']) == (
        404, 'Marker nope could not be found.')
    assert client.get('/v3/projects?limit=x', token=admin_token).status_int == 400
    conf.CONF.set('identity', 'list_limit', 1)  # the fixture resets the configuration
    users = client.get('/v3/users', token=admin_token).data
    assert len(users['users']) == 1 and users['truncated'] is True
