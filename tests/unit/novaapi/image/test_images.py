"""Glance's JSON-patch rules on PATCH /v2/images/{id}: media types, pointers, existence, formats."""

import pytest

from novaapi import conf
from novaapi.image import app
from tests.unit.novaapi.image.conftest import Client

V21 = 'application/openstack-images-v2.1-json-patch'
V20 = 'application/openstack-images-v2.0-json-patch'


@pytest.fixture
def client(ids):
    return Client(app.build())


@pytest.fixture
def image_url(client, demo_token):
    created = client.post('/v2/images', {'name': 'p', 'disk_format': 'raw',
                                         'container_format': 'bare', 'hw_disk_bus': 'virtio'},
                          token=demo_token).data
    return '/v2/images/%s' % created['id']


def _patch(client, url, token, ops, kind=V21):
    return client.patch(url, ops, token=token, content_type=kind,
                        headers={'Accept': 'application/json'})


def test_add_replace_remove(client, image_url, demo_token):
    ops = [{'op': 'add', 'path': '/os_distro', 'value': 'cirros'},
           {'op': 'replace', 'path': '/hw_disk_bus', 'value': 'scsi'},
           {'op': 'add', 'path': '/a~1b', 'value': 'slash'},
           {'op': 'replace', 'path': '/name', 'value': 'renamed'},
           {'op': 'add', 'path': '/tags', 'value': ['x', 'y']}]
    body = _patch(client, image_url, demo_token, ops).data
    assert (body['os_distro'], body['hw_disk_bus'], body['a/b'], body['name'], body['tags']) == (
        'cirros', 'scsi', 'slash', 'renamed', ['x', 'y'])
    body = _patch(client, image_url, demo_token, [{'op': 'remove', 'path': '/os_distro'}]).data
    assert 'os_distro' not in body


def test_tags_kept_across_replacements(client, image_url, demo_token):
    """Replacing the tag list with one that keeps some tags, or adding a tag the image has,
    keeps their rows (the (image, tag) key once made this a 500)."""
    body = _patch(client, image_url, demo_token,
                  [{'op': 'replace', 'path': '/tags', 'value': ['a', 'b']}]).data
    assert sorted(body['tags']) == ['a', 'b']
    body = _patch(client, image_url, demo_token,
                  [{'op': 'replace', 'path': '/tags', 'value': ['b', 'c']}]).data
    assert sorted(body['tags']) == ['b', 'c']
    for _ in range(2):
        assert client.put(image_url + '/tags/00', None, token=demo_token).status_int == 204
    assert sorted(client.get(image_url, token=demo_token).data['tags']) == ['00', 'b', 'c']


@pytest.mark.parametrize('ops, status', [
    ([{'op': 'replace', 'path': '/missing', 'value': 'v'}], 409),
    ([{'op': 'remove', 'path': '/missing'}], 409),
    ([{'op': 'remove', 'path': '/name'}], 403),
    ([{'op': 'replace', 'path': '/status', 'value': 'active'}], 403),
    ([{'op': 'remove', 'path': '/checksum'}], 403),
    ([{'op': 'add', 'path': '/x', 'value': 1}], 400),
    ([{'op': 'add', 'path': '/x'}], 400),
    ([{'op': 'test', 'path': '/x', 'value': 'v'}], 400),
    ([{'op': 'add', 'path': 'x', 'value': 'v'}], 400),
    ([{'op': 'add', 'path': '/x/y', 'value': 'v'}], 400),
    ([{'op': 'add', 'path': '/tags', 'value': 'x'}], 400),
    (['add'], 400),
    ({'op': 'add'}, 400),
])
def test_refused_operations_change_nothing(client, image_url, demo_token, ops, status):
    resp = _patch(client, image_url, demo_token,
                  [{'op': 'add', 'path': '/kept', 'value': 'no'}] + ops
                  if isinstance(ops, list) else ops)
    assert resp.status_int == status, resp.body
    assert set(resp.data) == {'code', 'title', 'message'}
    assert 'kept' not in client.get(image_url, token=demo_token).data


def test_draft4_media_type(client, image_url, demo_token):
    body = _patch(client, image_url, demo_token, [{'add': '/k', 'value': 'v'}], V20).data
    assert body['k'] == 'v'
    assert _patch(client, image_url, demo_token, [{'add': '/k', 'value': 'w'}],
                  V20).status_int == 409


def test_wrong_media_type_is_415_with_accept_patch(client, image_url, demo_token):
    resp = _patch(client, image_url, demo_token, [], 'application/json')
    assert resp.status_int == 415
    assert resp.headers['Accept-Patch'] == '%s, %s' % (V20, V21)


def test_formats_only_change_while_queued(client, image_url, demo_token):
    client.request('PUT', image_url + '/file', token=demo_token, raw=b'abc',
                   content_type='application/octet-stream')
    resp = _patch(client, image_url, demo_token,
                  [{'op': 'replace', 'path': '/disk_format', 'value': 'qcow2'}])
    assert resp.status_int == 403
    assert 'can be only replaced for a queued image' in resp.data['message']


def test_unified_limits_only_when_enabled(client, demo_token):
    assert client.get('/v2/info/usage', token=demo_token).data == {'usage': {}}
    conf.CONF.set('image', 'use_keystone_limits', True)
    conf.CONF.set('image', 'image_count_total', 2)
    conf.CONF.set('image', 'image_size_total', 0)
    usage = client.get('/v2/info/usage', token=demo_token).data['usage']
    assert usage['image_count_total'] == {'limit': 2, 'usage': 0}
    assert set(usage) == {'image_size_total', 'image_stage_total', 'image_count_total',
                          'image_count_uploading'}
    body = {'name': 'q', 'disk_format': 'raw', 'container_format': 'bare'}
    assert client.post('/v2/images', body, token=demo_token).status_int == 201
    second = client.post('/v2/images', body, token=demo_token)
    assert second.status_int == 201
    refused = client.post('/v2/images', body, token=demo_token, headers={'Accept': 'application/json'})
    assert refused.status_int == 413
    assert 'image_count_total is over limit of 2' in refused.data['message']
    upload = client.request('PUT', '/v2/images/%s/file' % second.data['id'], raw=b'x' * (2 << 20),
                            token=demo_token, content_type='application/octet-stream')
    assert upload.status_int == 413
    shown = client.get('/v2/images/%s' % second.data['id'], token=demo_token).data
    assert shown['status'] == 'queued'


def test_owner_on_create(client, ids, demo_token, admin_token):
    json_accept = {'Accept': 'application/json'}
    mine = client.post('/v2/images', {'name': 'o', 'owner': ids['demo_project_id']},
                       token=demo_token)
    assert mine.status_int == 201 and mine.data['owner'] == ids['demo_project_id']
    refused = client.post('/v2/images', {'name': 'o', 'owner': 'elsewhere'}, token=demo_token,
                          headers=json_accept)
    assert refused.status_int == 403
    assert "You are not permitted to create images owned by 'elsewhere'" in refused.data['message']
    made = client.post('/v2/images', {'name': 'o', 'owner': ids['demo_project_id']},
                       token=admin_token)
    assert made.status_int == 201 and made.data['owner'] == ids['demo_project_id']
    assert client.post('/v2/images', {'owner': 5}, token=demo_token).status_int == 400
