"""Image data through the image endpoint: upload, download, statuses, stage/import, tags."""

import hashlib
import io
import json

from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
import pytest
import webob

from novaapi import conf
from novaapi.image import app
from novaapi.image import store
from tests.unit.novaapi.image.conftest import Client

OCTET = 'application/octet-stream'
DATA = bytes(range(256)) * 1024  # 256 KiB: past the JSON body limit, so streaming is exercised


@pytest.fixture
def client(ids):
    return Client(app.build())


def _create(client, token, **values):
    body = dict(name='img', disk_format='raw', container_format='bare', **values)
    resp = client.post('/v2/images', body, token=token)
    assert resp.status_int == 201, resp.body
    assert resp.headers['OpenStack-image-import-methods'] == 'glance-direct,copy-image'
    return resp.data['id']


def _upload(client, token, image_id, data=DATA, path='file', **kw):
    return client.request('PUT', '/v2/images/%s/%s' % (image_id, path), token=token, raw=data,
                          content_type=kw.pop('content_type', OCTET), **kw)


def test_upload_then_download_with_checksums(client, demo_token):
    image_id = _create(client, demo_token)
    resp = _upload(client, demo_token, image_id)
    assert resp.status_int == 204 and resp.body == b''
    shown = client.get('/v2/images/%s' % image_id, token=demo_token).data
    assert (shown['status'], shown['size'], shown['virtual_size']) == ('active', len(DATA), len(DATA))
    assert shown['checksum'] == hashlib.md5(DATA).hexdigest()
    assert (shown['os_hash_algo'], shown['os_hash_value']) == (
        'sha512', hashlib.sha512(DATA).hexdigest())
    resp = client.get('/v2/images/%s/file' % image_id, token=demo_token)
    assert resp.status_int == 200 and resp.body == DATA
    assert resp.headers['Content-Type'] == OCTET
    assert resp.headers['Content-MD5'] == shown['checksum']
    assert int(resp.headers['Content-Length']) == len(DATA)


def test_range_download(client, demo_token):
    image_id = _create(client, demo_token)
    _upload(client, demo_token, image_id)
    resp = client.get('/v2/images/%s/file' % image_id, token=demo_token,
                      headers={'Range': 'bytes=10-19'})
    assert resp.status_int == 206 and resp.body == DATA[10:20]
    assert resp.headers['Content-Range'] == 'bytes 10-19/%d' % len(DATA)
    resp = client.get('/v2/images/%s/file' % image_id, token=demo_token,
                      headers={'Range': 'bytes=%d-' % (len(DATA) + 5)})
    assert resp.status_int == 416


def test_second_upload_is_409_and_queued_download_is_204(client, demo_token):
    image_id = _create(client, demo_token)
    assert client.get('/v2/images/%s/file' % image_id, token=demo_token).status_int == 204
    _upload(client, demo_token, image_id)
    resp = _upload(client, demo_token, image_id, headers={'Accept': 'application/json'})
    assert resp.status_int == 409
    assert 'Image status transition from active to saving is not allowed' in resp.data['message']


def test_upload_refusals(client, demo_token, admin_token):
    bare = client.post('/v2/images', {'name': 'no-format'}, token=demo_token).data['id']
    resp = _upload(client, demo_token, bare)
    assert resp.status_int == 400
    assert b'disk_format, container_format must be set' in resp.body
    image_id = _create(client, demo_token)
    assert _upload(client, demo_token, image_id, content_type='text/plain').status_int == 415
    resp = _upload(client, demo_token, image_id, headers={'x-openstack-image-size': '5'})
    assert resp.status_int == 400
    assert _upload(client, demo_token, 'nope').status_int == 404
    admins = _create(client, admin_token, visibility='public')
    assert _upload(client, demo_token, admins).status_int == 403
    assert client.get('/v2/images/%s' % image_id, token=demo_token).data['status'] == 'queued'


def test_a_broken_upload_kills_the_image(client, demo_token):
    image_id = _create(client, demo_token)
    req = webob.Request.blank('/v2/images/%s/file' % image_id, method='PUT',
                              headers={'X-Auth-Token': demo_token, 'Content-Type': OCTET})

    class Broken(io.RawIOBase):
        def readinto(self, buf):
            raise OSError('connection reset')

    req.environ['wsgi.input'] = Broken()
    req.content_length = 100
    resp = req.get_response(client.app)
    assert resp.status_int == 500
    assert client.get('/v2/images/%s' % image_id, token=demo_token).data['status'] == 'killed'
    assert not store.exists(image_id, '.partial')


def test_a_short_body_leaves_the_image_queued(client, demo_token):
    image_id = _create(client, demo_token)
    req = webob.Request.blank('/v2/images/%s/file' % image_id, method='PUT',
                              headers={'X-Auth-Token': demo_token, 'Content-Type': OCTET})
    req.environ['wsgi.input'] = io.BytesIO(b'abc')
    req.content_length = 10
    assert req.get_response(client.app).status_int == 400
    assert client.get('/v2/images/%s' % image_id, token=demo_token).data['status'] == 'queued'


def test_size_quota_is_413(client, demo_token):
    conf.CONF.set('image', 'user_storage_quota', 1000)
    image_id = _create(client, demo_token)
    assert _upload(client, demo_token, image_id).status_int == 413
    assert client.get('/v2/images/%s' % image_id, token=demo_token).data['status'] == 'queued'
    assert _upload(client, demo_token, image_id, data=b'x' * 999).status_int == 204


def test_delete_removes_the_data(client, demo_token):
    image_id = _create(client, demo_token)
    _upload(client, demo_token, image_id)
    assert store.exists(image_id)
    assert client.delete('/v2/images/%s' % image_id, token=demo_token).status_int == 204
    assert not store.exists(image_id)


def test_deactivate_and_reactivate(client, demo_token, admin_token):
    image_id = _create(client, demo_token)
    path = '/v2/images/%s/actions/' % image_id
    assert client.post(path + 'deactivate', None, token=admin_token).status_int == 403
    _upload(client, demo_token, image_id)
    # Glance's secure defaults: the owning project's members deactivate, as admins do.
    assert client.post(path + 'deactivate', None, token=demo_token).status_int == 204
    assert client.post(path + 'reactivate', None, token=admin_token).status_int == 204
    assert client.post(path + 'deactivate', None, token=admin_token).status_int == 204
    assert client.post(path + 'deactivate', None, token=admin_token).status_int == 204
    assert client.get('/v2/images/%s' % image_id, token=demo_token).data['status'] == 'deactivated'
    assert client.get('/v2/images/%s/file' % image_id, token=demo_token).status_int == 403
    assert client.get('/v2/images/%s/file' % image_id, token=admin_token).body == DATA
    assert client.post(path + 'reactivate', None, token=admin_token).status_int == 204
    assert client.get('/v2/images/%s/file' % image_id, token=demo_token).body == DATA


def test_stage_and_glance_direct_import(client, demo_token):
    image_id = _create(client, demo_token)
    body = {'method': {'name': 'glance-direct'}}
    resp = client.post('/v2/images/%s/import' % image_id, body, token=demo_token)
    assert resp.status_int == 409
    assert _upload(client, demo_token, image_id, path='stage').status_int == 204
    shown = client.get('/v2/images/%s' % image_id, token=demo_token).data
    assert (shown['status'], shown['size'], shown['checksum']) == ('uploading', len(DATA), None)
    assert client.get('/v2/images/%s/file' % image_id, token=demo_token).status_int == 204
    assert client.post('/v2/images/%s/import' % image_id, {'method': {'name': 'web-download'}},
                       token=demo_token).status_int == 400
    resp = client.post('/v2/images/%s/import' % image_id, body, token=demo_token)
    assert resp.status_int == 202 and resp.body == b''
    shown = client.get('/v2/images/%s' % image_id, token=demo_token).data
    assert (shown['status'], shown['checksum']) == ('active', hashlib.md5(DATA).hexdigest())
    assert client.get('/v2/images/%s/file' % image_id, token=demo_token).body == DATA
    copy = {'method': {'name': 'copy-image'}}
    assert client.post('/v2/images/%s/import' % image_id, copy,
                       token=demo_token).status_int == 403
    assert client.post('/v2/images/%s/import' % image_id, body,
                       token=demo_token).status_int == 409


@pytest.mark.parametrize('body', [{}, {'method': 'x'}, {'method': {}},
                                  {'method': {'name': 'glance-direct'}, 'all_stores': 'yes'},
                                  {'method': {'name': 'glance-direct'}, 'stores': ['a']}])
def test_bad_import_bodies_are_400(client, demo_token, body):
    image_id = _create(client, demo_token)
    assert client.post('/v2/images/%s/import' % image_id, body, token=demo_token).status_int == 400


def test_tags(client, demo_token, admin_token):
    image_id = _create(client, demo_token)
    for _ in range(2):
        assert client.put('/v2/images/%s/tags/blue' % image_id, None,
                          token=demo_token).status_int == 204
    assert client.get('/v2/images/%s' % image_id, token=demo_token).data['tags'] == ['blue']
    assert client.get('/v2/images?tag=blue', token=demo_token).data['images'][0]['id'] == image_id
    assert client.put('/v2/images/%s/tags/%s' % (image_id, 'x' * 256), None,
                      token=demo_token).status_int == 400
    assert client.delete('/v2/images/%s/tags/blue' % image_id, token=demo_token).status_int == 204
    assert client.delete('/v2/images/%s/tags/blue' % image_id, token=demo_token).status_int == 404
    cirros = client.get('/v2/images?name=cirros', token=demo_token).data['images'][0]['id']
    assert client.put('/v2/images/%s/tags/x' % cirros, None, token=demo_token).status_int == 403


def test_discovery_and_schemas(client, demo_token):
    info = client.get('/v2/info/import', token=demo_token).data
    assert info['import-methods']['value'] == ['glance-direct', 'copy-image']
    assert client.get('/v2/info/stores', token=demo_token).status_int == 404
    schema = client.get('/v2/schemas/image', token=demo_token).data
    assert schema['name'] == 'image'
    assert schema['additionalProperties'] == {'type': 'string'}
    assert schema['properties']['disk_format']['enum'][:1] == [None]
    assert schema['properties']['status']['readOnly'] is True
    images = client.get('/v2/schemas/images', token=demo_token).data
    assert images['properties']['images']['items']['name'] == 'image'


def test_cirros_has_bytes(client, demo_token):
    shown = client.get('/v2/images?name=cirros', token=demo_token).data['images'][0]
    body = client.get('/v2/images/%s/file' % shown['id'], token=demo_token).body
    assert len(body) == shown['size'] and hashlib.md5(body).hexdigest() == shown['checksum']


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=10), inner, max_size=3), max_leaves=8)
FIELDS = st.sampled_from(['name', 'visibility', 'disk_format', 'container_format', 'min_ram',
                          'min_disk', 'protected', 'tags', 'id', 'status', 'os_hidden', 'x',
                          'member'])
QUERY_KEYS = st.sampled_from(['name', 'status', 'id', 'size_min', 'size_max', 'created_at',
                              'updated_at', 'sort', 'sort_key', 'sort_dir', 'member_status',
                              'visibility', 'protected', 'os_hidden', 'limit', 'marker', 'tag',
                              'min_ram', 'checksum', 'owner', 'x_min'])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(['POST /v2/images', 'PATCH /v2/images/{id}',
                              'PATCH /v2/images/{shared}', 'GET /v2/images/{text}',
                              'DELETE /v2/images/{text}', 'DELETE /v2/images/{shared}',
                              'PUT /v2/images/{shared}/file', 'GET /v2/images/{shared}/file',
                              'PUT /v2/images/{shared}/stage', 'PUT /v2/images/{text}/stage',
                              'POST /v2/images/{shared}/import',
                              'POST /v2/images/{shared}/actions/deactivate',
                              'POST /v2/images/{text}/actions/reactivate',
                              'POST /v2/images/{id}/actions/deactivate',
                              'DELETE /v2/images/{shared}/tags/{text}',
                              'DELETE /v2/images/{text}/tags/{text}',
                              'PUT /v2/images/{shared}/members/{text}',
                              'GET /v2/info/import', 'GET /v2/info/stores',
                              'GET /v2/info/stores/detail', 'GET /v2/info/usage?{key}={text}',
                              'GET /v2/schemas/image', 'GET /v2/schemas/images',
                              'GET /v2/schemas/member', 'GET /v2/schemas/members',
                              'GET /v2/schemas/{text}',
                              'POST /v2/images/{id}/import', 'PUT /v2/images/{id}/file',
                              'PUT /v2/images/{id}/tags/{text}', 'GET /v2/images?{text}={text}',
                              'GET /v2/images?{key}={text}', 'GET /v2/images/{text}/file',
                              'POST /v2/images/{shared}/members',
                              'PUT /v2/images/{shared}/members/{text}',
                              'GET /v2/images/{shared}/members/{text}',
                              'DELETE /v2/images/{shared}/members/{text}',
                              'POST /v2/images/{id}/members', 'GET /v2/images/{text}/members']),
       body=JSON | st.dictionaries(FIELDS, JSON, max_size=4), text=st.text(
           alphabet=st.characters(min_codepoint=48, max_codepoint=122), min_size=1, max_size=12),
       key=QUERY_KEYS, admin=st.booleans())
def test_fuzzed_requests_get_glance_4xx_never_5xx(client, demo_token, admin_token, route, body,
                                                  text, key, admin):
    """Every route and method of the image endpoint, as demo or admin, with real and junk
    ids, bodies of any shape and query strings: a 4xx in Glance's body, never a 5xx."""
    image_id = client.get('/v2/images?name=cirros', token=demo_token).data['images'][0]['id']
    shared = client.post('/v2/images', {'name': 'fuzz'}, token=demo_token).data['id']
    client.post('/v2/images/%s/members' % shared, {'member': text}, token=demo_token)
    method, path = route.split(' ')
    path = path.format(id=image_id, text=text, key=key, shared=shared)
    kind = {'PATCH': 'application/openstack-images-v2.1-json-patch',
            'PUT': OCTET if path.endswith(('/file', '/stage')) else 'application/json'}.get(method,
                                                                              'application/json')
    raw = json.dumps(body).encode()
    resp = client.request(method, path, token=admin_token if admin else demo_token, raw=raw,
                          content_type=kind,
                          headers={'Accept': 'application/json'})
    assert resp.status_int < 500, (route, body, resp.body)
    if resp.status_int >= 400:
        assert set(resp.data) == {'code', 'title', 'message'}, resp.body
