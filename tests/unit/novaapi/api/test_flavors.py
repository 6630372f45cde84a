"""Flavors through the whole compute pipeline (auth, routing, policy, views)."""

import pytest

from tests.conftest import sample

# Sample folder per microversion window of the flavor views.
SAMPLE_DIRS = {'2.1': '', '2.55': 'v2.55/', '2.61': 'v2.61/', '2.75': 'v2.75/',
               '2.102': 'v2.102/', '2.104': 'v2.102/', 'latest': 'v2.102/'}


def _keys(items):
    return [sorted(item) for item in items]


@pytest.mark.parametrize('version', sorted(SAMPLE_DIRS))
def test_detail_and_show_keys_match_nova_samples(compute, admin_token, version):
    folder = 'flavors/' + SAMPLE_DIRS[version]
    want_detail = sample(folder + 'flavors-detail-resp.json')['flavors'][0]
    want_show = sample(folder + 'flavor-get-resp.json')['flavor']
    want_list = sample(folder + 'flavors-list-resp.json')['flavors'][0]
    detail = compute.request('GET', '/v2.1/flavors/detail', admin_token, version=version).json
    show = compute.request('GET', '/v2.1/flavors/1', admin_token, version=version).json
    index = compute.request('GET', '/v2.1/flavors', admin_token, version=version).json
    assert _keys(detail['flavors']) == [sorted(want_detail)] * 5
    assert sorted(show['flavor']) == sorted(want_show)
    assert _keys(index['flavors']) == [sorted(want_list)] * 5
    assert type(show['flavor']['swap']) is type(want_show['swap'])


def test_default_flavors_seeded(compute, demo_token):
    body = compute.request('GET', '/v2.1/flavors/detail', demo_token).json
    got = [(f['id'], f['name'], f['ram'], f['vcpus'], f['disk']) for f in body['flavors']]
    assert got == [('1', 'm1.tiny', 512, 1, 1), ('2', 'm1.small', 2048, 1, 20),
                   ('3', 'm1.medium', 4096, 2, 40), ('4', 'm1.large', 8192, 4, 80),
                   ('5', 'm1.xlarge', 16384, 8, 160)]
    assert body['flavors'][0]['links'] == [
        {'rel': 'self', 'href': 'http://127.0.0.1:8774/v2.1/flavors/1'},
        {'rel': 'bookmark', 'href': 'http://127.0.0.1:8774/flavors/1'}]


def test_filters_sort_and_paging(compute, demo_token):
    def ids(query, version=None):
        body = compute.request('GET', '/v2.1/flavors' + query, demo_token, version=version).json
        return [f['id'] for f in body['flavors']], body.get('flavors_links')

    assert ids('?minRam=4096')[0] == ['3', '4', '5']
    assert ids('?minDisk=80')[0] == ['4', '5']
    assert ids('?sort_key=memory_mb&sort_dir=desc')[0] == ['5', '4', '3', '2', '1']
    page, links = ids('?limit=2')
    assert page == ['1', '2']
    assert links == [{'rel': 'next', 'href': 'http://127.0.0.1:8774/v2.1/flavors?limit=2&marker=2'}]
    assert ids('?limit=2&marker=2')[0] == ['3', '4']
    assert ids('?limit=2&marker=4') == (['5'], None)
    detail = compute.request('GET', '/v2.1/flavors/detail?limit=1', demo_token).json
    assert detail['flavors_links'][0]['href'] == 'http://127.0.0.1:8774/v2.1/flavors/detail?limit=1&marker=1'
    assert ids('?name=m1.small', version='2.102')[0] == ['2']
    resp = compute.request('GET', '/v2.1/flavors?marker=nope', demo_token)
    assert resp.status_int == 400 and resp.json['badRequest']['message'] == 'marker [nope] not found'
    resp = compute.request('GET', '/v2.1/flavors?minRam=abc', demo_token)
    assert resp.json['badRequest']['message'] == 'Invalid minRam filter [abc]'
    resp = compute.request('GET', '/v2.1/flavors?sort_dir=sideways', demo_token)
    assert resp.status_int == 400


def test_unknown_query_parameters(compute, demo_token):
    assert compute.request('GET', '/v2.1/flavors?foo=1', demo_token, version='2.74').status_int == 200
    resp = compute.request('GET', '/v2.1/flavors?foo=1', demo_token, version='2.75')
    assert resp.status_int == 400
    assert "'foo' does not match any of the regexes" in resp.json['badRequest']['message']
    resp = compute.request('GET', '/v2.1/flavors?name=x', demo_token, version='2.101')
    assert resp.status_int == 400


def test_create_requires_admin(compute, demo_token):
    body = {'flavor': {'name': 'f1', 'ram': 128, 'vcpus': 1, 'disk': 1}}
    resp = compute.request('POST', '/v2.1/flavors', demo_token, body=body)
    assert resp.status_int == 403
    assert resp.json == {'forbidden': {'code': 403, 'message':
                         "Policy doesn't allow os_compute_api:os-flavor-manage:create to be performed."}}


def test_create_validation_and_conflicts(compute, admin_token):
    resp = compute.request('POST', '/v2.1/flavors', admin_token,
                           body={'flavor': {'name': 'f1', 'ram': 'lots', 'vcpus': 1, 'disk': 1}})
    assert resp.status_int == 400
    assert resp.json['badRequest']['message'].startswith('Invalid input for field/attribute ram.')
    resp = compute.request('POST', '/v2.1/flavors', admin_token,
                           body={'flavor': {'name': 'f1', 'vcpus': 1, 'disk': 1}})
    assert "'ram' is a required property" in resp.json['badRequest']['message']
    resp = compute.request('POST', '/v2.1/flavors', admin_token,
                           body={'flavor': {'name': 'm1.tiny', 'ram': 1, 'vcpus': 1, 'disk': 1}})
    assert resp.status_int == 409
    assert resp.json['conflictingRequest']['message'] == 'Flavor with name m1.tiny already exists.'
    resp = compute.request('POST', '/v2.1/flavors', admin_token,
                           body={'flavor': {'name': 'other', 'id': '1', 'ram': 1, 'vcpus': 1, 'disk': 1}})
    assert resp.json['conflictingRequest']['message'] == 'Flavor with ID 1 already exists.'
    resp = compute.request('POST', '/v2.1/flavors', admin_token, version='2.102',
                           body={'flavor': {'name': 'x', 'ram': 1, 'vcpus': 1, 'disk': 1, 'rxtx_factor': 2}})
    assert resp.status_int == 400


def test_create_update_delete_cycle(compute, admin_token):
    body = {'flavor': {'name': 'f1', 'ram': 128, 'vcpus': 1, 'disk': 1, 'id': '10', 'swap': 5,
                       'description': 'first'}}
    resp = compute.request('POST', '/v2.1/flavors', admin_token, body=body, version='2.55')
    assert resp.status_int == 200
    assert resp.json['flavor']['description'] == 'first' and resp.json['flavor']['swap'] == 5
    generated = compute.request('POST', '/v2.1/flavors', admin_token,
                                body={'flavor': {'name': 'f2', 'ram': 1, 'vcpus': 1, 'disk': 0}}).json
    assert len(generated['flavor']['id']) == 36
    resp = compute.request('PUT', '/v2.1/flavors/10', admin_token, version='2.54',
                           body={'flavor': {'description': 'x'}})
    assert resp.status_int == 404
    resp = compute.request('PUT', '/v2.1/flavors/10', admin_token, version='2.55',
                           body={'flavor': {'description': 'second'}})
    assert resp.json['flavor']['description'] == 'second'
    assert compute.request('DELETE', '/v2.1/flavors/10', admin_token).status_int == 202
    resp = compute.request('GET', '/v2.1/flavors/10', admin_token)
    assert resp.json == {'itemNotFound': {'code': 404, 'message': 'Flavor 10 could not be found.'}}


def test_private_flavor_access(compute, admin_token, demo_token):
    body = {'flavor': {'name': 'private', 'ram': 64, 'vcpus': 1, 'disk': 0, 'id': 'p1',
                       'os-flavor-access:is_public': False}}
    assert compute.request('POST', '/v2.1/flavors', admin_token, body=body).status_int == 200
    assert compute.request('GET', '/v2.1/flavors/p1', demo_token).status_int == 404
    assert 'p1' not in [f['id'] for f in compute.request('GET', '/v2.1/flavors', demo_token).json['flavors']]
    demo_project = compute.request('GET', '/v2.1/flavors', demo_token)  # any call: learn the project id
    assert demo_project.status_int == 200
    from novaapi.db import engine
    from novaapi.identity import models
    import sqlalchemy as sa
    with engine.transaction() as sess:
        project_id = sess.scalars(sa.select(models.Project.id).where(models.Project.name == 'demo')).one()
    resp = compute.request('POST', '/v2.1/flavors/p1/action', admin_token,
                           body={'addTenantAccess': {'tenant': project_id}})
    assert resp.json == {'flavor_access': [{'flavor_id': 'p1', 'tenant_id': project_id}]}
    resp = compute.request('POST', '/v2.1/flavors/p1/action', admin_token,
                           body={'addTenantAccess': {'tenant': project_id}})
    assert resp.status_int == 409
    assert compute.request('GET', '/v2.1/flavors/p1', demo_token).status_int == 200
    assert 'p1' in [f['id'] for f in compute.request('GET', '/v2.1/flavors', demo_token).json['flavors']]
    listing = compute.request('GET', '/v2.1/flavors/p1/os-flavor-access', admin_token)
    assert listing.json == {'flavor_access': [{'flavor_id': 'p1', 'tenant_id': project_id}]}
    assert compute.request('GET', '/v2.1/flavors/p1/os-flavor-access', demo_token).status_int == 403
    resp = compute.request('GET', '/v2.1/flavors/1/os-flavor-access', admin_token)
    assert resp.json['itemNotFound']['message'] == 'Access list not available for public flavors.'
    resp = compute.request('POST', '/v2.1/flavors/p1/action', admin_token,
                           body={'removeTenantAccess': {'tenant': project_id}})
    assert resp.json == {'flavor_access': []}
    resp = compute.request('POST', '/v2.1/flavors/p1/action', admin_token,
                           body={'removeTenantAccess': {'tenant': project_id}})
    assert resp.status_int == 404
    resp = compute.request('POST', '/v2.1/flavors/1/action', admin_token,
                           body={'addTenantAccess': {'tenant': project_id}})
    assert resp.json['conflictingRequest']['message'] == 'Can not add access to a public flavor.'


def test_extra_specs_routes(compute, admin_token, demo_token):
    url = '/v2.1/flavors/1/os-extra_specs'
    resp = compute.request('POST', url, admin_token, body={'extra_specs': {'hw:cpu_policy': 'shared',
                                                                           'quota:disk': '10'}})
    assert resp.json == {'extra_specs': {'hw:cpu_policy': 'shared', 'quota:disk': '10'}}
    assert compute.request('POST', url, demo_token, body={'extra_specs': {'a': 'b'}}).status_int == 403
    assert compute.request('GET', url, demo_token).json == {
        'extra_specs': {'hw:cpu_policy': 'shared', 'quota:disk': '10'}}
    assert compute.request('GET', url + '/quota:disk', demo_token).json == {'quota:disk': '10'}
    resp = compute.request('PUT', url + '/quota:disk', admin_token, body={'quota:disk': '20'})
    assert resp.json == {'quota:disk': '20'}
    resp = compute.request('PUT', url + '/quota:disk', admin_token, body={'other': '20'})
    assert resp.json['badRequest']['message'] == 'Request body and URI mismatch'
    assert compute.request('DELETE', url + '/quota:disk', admin_token).status_int == 200
    resp = compute.request('GET', url + '/quota:disk', admin_token)
    assert resp.json['itemNotFound']['message'] == 'Flavor 1 has no extra specs with key quota:disk.'
    show = compute.request('GET', '/v2.1/flavors/1', demo_token, version='2.61').json
    assert show['flavor']['extra_specs'] == {'hw:cpu_policy': 'shared'}


def test_auth_required(compute):
    resp = compute.request('GET', '/v2.1/flavors')
    assert resp.status_int == 401
    assert resp.headers['WWW-Authenticate'].startswith('Keystone uri=')
    assert compute.request('GET', '/v2.1/flavors', token='not-a-token').status_int == 401
