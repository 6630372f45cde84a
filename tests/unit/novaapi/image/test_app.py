"""The image endpoint over WSGI: discovery, auth, list filters and paging, show, create, patch, delete."""

import pytest

from novaapi.db import engine
from novaapi.image import api
from novaapi.image import app
from tests.unit.novaapi.image.conftest import Client
from tests.unit.novaapi.image.conftest import Ctx

PATCH_TYPE = 'application/openstack-images-v2.1-json-patch'


@pytest.fixture
def client(ids):
    return Client(app.build())


def _private_image(project_id, name='secret', **values):
    with engine.transaction() as sess:
        return api.create(sess, Ctx(project_id), dict(name=name, visibility='private', **values),
                          {'hw_disk_bus': 'virtio'}).id


def test_root_lists_versions_without_a_token(client):
    resp = client.get('/')
    assert resp.status_int == 300
    assert resp.data['versions'][0]['id'] == 'v2.16'
    assert resp.data['versions'][0]['links'][0]['href'] == 'http://localhost/v2/'
    assert client.get('/versions').status_int == 200


@pytest.mark.parametrize('token', [None, 'bogus'])
def test_missing_or_bad_token_is_keystonemiddleware_401(client, token):
    resp = client.get('/v2/images', token=token)
    assert resp.status_int == 401
    assert resp.data == {'error': {'code': 401, 'title': 'Unauthorized',
                                   'message': 'The request you have made requires authentication.'}}
    assert resp.headers['WWW-Authenticate'].startswith('Keystone uri="http')


@pytest.mark.parametrize('who', ['admin_token', 'demo_token'])
def test_cirros_is_listed_for_admin_and_demo(client, request, who):
    resp = client.get('/v2/images', token=request.getfixturevalue(who))
    assert resp.status_int == 200
    assert resp.data['first'] == '/v2/images'
    assert resp.data['schema'] == '/v2/schemas/images'
    assert 'next' not in resp.data
    (image,) = resp.data['images']
    assert image['name'] == 'cirros'
    assert (image['status'], image['visibility'], image['disk_format'], image['container_format'],
            image['size'], image['min_disk'], image['min_ram']) == (
        'active', 'public', 'qcow2', 'bare', api.CIRROS_BYTES, 0, 0)


def test_show_has_glance_keys(client, demo_token):
    image_id = client.get('/v2/images?name=cirros', token=demo_token).data['images'][0]['id']
    resp = client.get('/v2/images/%s' % image_id, token=demo_token)
    assert resp.status_int == 200
    body = resp.data
    for key in ('id', 'name', 'status', 'visibility', 'owner', 'size', 'disk_format',
                'container_format', 'min_disk', 'min_ram', 'protected', 'checksum',
                'os_hash_algo', 'os_hash_value', 'created_at', 'updated_at', 'tags'):
        assert key in body
    assert body['self'] == '/v2/images/%s' % image_id
    assert body['file'] == '/v2/images/%s/file' % image_id
    assert body['schema'] == '/v2/schemas/image'
    assert body['created_at'].endswith('Z')


def test_unknown_image_is_404(client, demo_token):
    resp = client.get('/v2/images/does-not-exist', token=demo_token)
    assert resp.status_int == 404
    assert b'No image found with ID does-not-exist' in resp.body


def test_private_image_hidden_from_other_projects(client, ids, admin_token, demo_token):
    image_id = _private_image(ids['demo_project_id'])
    assert client.get('/v2/images/%s' % image_id, token=demo_token).status_int == 200
    shown = client.get('/v2/images/%s' % image_id, token=demo_token).data
    assert shown['hw_disk_bus'] == 'virtio'
    other = _private_image(ids['admin_project_id'], name='admins-own')
    assert client.get('/v2/images/%s' % other, token=demo_token).status_int == 404
    names = [i['name'] for i in client.get('/v2/images', token=demo_token).data['images']]
    assert sorted(names) == ['cirros', 'secret']
    # Admins see every image.
    names = [i['name'] for i in client.get('/v2/images', token=admin_token).data['images']]
    assert sorted(names) == ['admins-own', 'cirros', 'secret']


def test_filters(client, ids, demo_token):
    mine = _private_image(ids['demo_project_id'], status='queued')
    cirros = client.get('/v2/images?name=cirros', token=demo_token).data['images'][0]['id']

    def names(query):
        resp = client.get('/v2/images?' + query, token=demo_token)
        assert resp.status_int == 200, resp.body
        return sorted(i['name'] for i in resp.data['images'])

    assert names('name=cirros') == ['cirros']
    assert names('name=nothing') == []
    assert names('status=queued') == ['secret']
    assert names('visibility=private') == ['secret']
    assert names('visibility=public') == ['cirros']
    assert names('id=in:%s,%s' % (mine, cirros)) == ['cirros', 'secret']
    assert names('id=%s' % mine) == ['secret']
    assert names('owner=%s' % ids['demo_project_id']) == ['secret']
    assert names('hw_disk_bus=virtio') == ['secret']
    _private_image(ids['demo_project_id'], name='hidden', os_hidden=True)
    assert 'hidden' not in names('')
    assert names('os_hidden=true') == ['hidden']
    assert client.get('/v2/images?visibility=bogus', token=demo_token).status_int == 400
    assert names('status=bogus') == []  # Glance does not check the value
    assert client.get('/v2/images?sort_key=bogus', token=demo_token).status_int == 400


def test_paging_with_next_and_first(client, ids, demo_token):
    for n in range(3):
        _private_image(ids['demo_project_id'], name='img%d' % n)
    page = client.get('/v2/images?limit=2', token=demo_token).data
    assert len(page['images']) == 2
    assert page['first'] == '/v2/images?limit=2'
    marker = page['images'][-1]['id']
    assert page['next'] == '/v2/images?limit=2&marker=%s' % marker
    seen = [i['id'] for i in page['images']]
    while 'next' in page:
        page = client.get(page['next'], token=demo_token).data
        seen += [i['id'] for i in page['images']]
    assert len(seen) == len(set(seen)) == 4
    assert client.get('/v2/images?limit=x', token=demo_token).status_int == 400
    assert client.get('/v2/images?limit=-1', token=demo_token).status_int == 400
    assert client.get('/v2/images?marker=nope', token=demo_token).status_int == 400


def test_create_patch_and_delete(client, ids, demo_token, admin_token):
    resp = client.post('/v2/images', {'name': 'mine', 'disk_format': 'raw',
                                      'container_format': 'bare', 'os_distro': 'cirros',
                                      'tags': ['a']}, token=demo_token)
    assert resp.status_int == 201, resp.body
    image = resp.data
    assert (image['status'], image['visibility'], image['owner']) == (
        'queued', 'shared', ids['demo_project_id'])
    assert image['os_distro'] == 'cirros' and image['tags'] == ['a']
    assert resp.headers['Location'].endswith('/v2/images/%s' % image['id'])
    url = '/v2/images/%s' % image['id']
    ops = [{'op': 'replace', 'path': '/name', 'value': 'renamed'},
           {'op': 'add', 'path': '/hw_qemu_guest_agent', 'value': 'yes'},
           {'op': 'remove', 'path': '/os_distro'}]
    resp = client.patch(url, ops, token=demo_token, content_type=PATCH_TYPE)
    assert resp.status_int == 200, resp.body
    assert resp.data['name'] == 'renamed' and resp.data['hw_qemu_guest_agent'] == 'yes'
    assert 'os_distro' not in resp.data
    assert client.patch(url, ops, token=demo_token).status_int == 415
    assert client.delete(url, token=demo_token).status_int == 204
    assert client.get(url, token=demo_token).status_int == 404


def test_create_refuses_read_only_and_publicize(client, demo_token, admin_token):
    assert client.post('/v2/images', {'status': 'active'}, token=demo_token).status_int == 403
    assert client.post('/v2/images', {'visibility': 'public'}, token=demo_token).status_int == 403
    assert client.post('/v2/images', {'disk_format': 'x'}, token=demo_token).status_int == 400
    assert client.post('/v2/images', {'visibility': 'public'}, token=admin_token).status_int == 201


def test_only_owner_or_admin_deletes(client, ids, demo_token, admin_token):
    cirros = client.get('/v2/images?name=cirros', token=demo_token).data['images'][0]['id']
    assert client.delete('/v2/images/%s' % cirros, token=demo_token).status_int == 403
    mine = _private_image(ids['demo_project_id'])
    assert client.delete('/v2/images/%s' % mine, token=admin_token).status_int == 204
    protected = _private_image(ids['demo_project_id'], protected=True)
    assert client.delete('/v2/images/%s' % protected, token=demo_token).status_int == 403


def test_unknown_path_and_method(client, demo_token):
    assert client.get('/v2/nothing', token=demo_token).status_int == 404
    resp = client.request('PUT', '/v2/images', token=demo_token)
    assert resp.status_int == 405
    assert 'POST' in resp.headers['Allow']


@pytest.mark.parametrize('name, path', [('image', '/v2/images'), ('network', '/v2.0/networks')])
def test_paste_pipeline_serves_the_apps(ids, demo_token, name, path):
    from paste import deploy

    from novaapi import conf
    endpoint = Client(deploy.loadapp('config:' + conf.CONF.paste_config, name=name))
    resp = endpoint.get(path, token=demo_token)
    assert resp.status_int == 200, resp.body
    assert resp.headers['x-openstack-request-id'].startswith('req-')
    assert endpoint.get(path).status_int == 401
