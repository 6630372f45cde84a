"""Volumes: create (size, image, snapshot, source volume), list, show, update, delete, quotas."""

import datetime

import sqlalchemy as sa

from novaapi import conf
from novaapi.db import engine
from novaapi.image import api as image_api
from novaapi.volume import models
from tests.unit.novaapi.image.conftest import Ctx


def _create(client, token, status=202, **volume):
    resp = client.post('/volumes', {'volume': volume}, token=token)
    assert resp.status_int == status, resp.body
    return resp.data.get('volume') if resp.data else resp


def test_volume_lifecycle(demo, demo_token, ids):
    vol = _create(demo, demo_token, size=1, name='v1', description='d',
                  metadata={'a': 'b'})
    assert (vol['status'], vol['size'], vol['name'], vol['bootable'], vol['volume_type'],
            vol['attachments'], vol['metadata'], vol['availability_zone'], vol['multiattach'],
            vol['os-vol-tenant-attr:tenant_id']) == (
        'available', 1, 'v1', 'false', '__DEFAULT__', [], {'a': 'b'}, 'nova', False,
        ids['demo_project_id'])
    assert 'volume_type_id' not in vol
    shown = demo.get('/volumes/' + vol['id'], token=demo_token, version='3.65').data['volume']
    assert shown['consumes_quota'] is True and shown['volume_type_id']
    summary = demo.get('/volumes', token=demo_token).data['volumes']
    assert summary == [{'id': vol['id'], 'name': 'v1', 'links': vol['links']}]
    resp = demo.put('/volumes/' + vol['id'], {'volume': {'name': 'v2'}}, token=demo_token)
    assert resp.status_int == 200 and resp.data['volume']['name'] == 'v2'
    resp = demo.post('/volumes/%s/metadata' % vol['id'], {'metadata': {'c': 'd'}},
                     token=demo_token)
    assert resp.data == {'metadata': {'a': 'b', 'c': 'd'}}
    assert demo.delete('/volumes/' + vol['id'], token=demo_token).status_int == 202
    resp = demo.get('/volumes/' + vol['id'], token=demo_token)
    assert resp.status_int == 404
    assert resp.data == {'itemNotFound': {
        'message': 'Volume %s could not be found.' % vol['id'], 'code': 404}}


def test_status_settles_after_the_delay(demo, demo_token):
    conf.CONF.set('volume', 'status_delay', 60)
    vol = _create(demo, demo_token, size=1)
    assert vol['status'] == 'creating'
    resp = demo.delete('/volumes/' + vol['id'], token=demo_token)
    assert resp.status_int == 400
    assert resp.data['badRequest']['message'].startswith(
        'Invalid volume: Volume status must be available or error')
    assert demo.get('/volumes/' + vol['id'], token=demo_token).data['volume']['status'] == \
        'creating'
    with engine.transaction() as sess:
        sess.execute(sa.update(models.Volume).values(settle_at=datetime.datetime(2000, 1, 1)))
    assert demo.get('/volumes/' + vol['id'], token=demo_token).data['volume']['status'] == \
        'available'


def test_create_refusals(demo, demo_token):
    for body, words in (
            ({'size': 0}, 'Invalid input for field/attribute size'),
            ({'size': 'x'}, 'Invalid input for field/attribute size'),
            ({}, "Volume size 'None' must be an integer and greater than 0"),
            ({'size': 1, 'bogus': 1}, 'Additional properties are not allowed'),
            ({'size': 1, 'availability_zone': 'elsewhere'}, "Availability zone 'elsewhere'"),
            ({'size': 1, 'multiattach': True}, 'multiattach parameter has been removed')):
        resp = demo.post('/volumes', {'volume': body}, token=demo_token)
        assert resp.status_int == 400, (body, resp.body)
        assert words in resp.data['badRequest']['message'], (body, resp.data)
    resp = demo.post('/volumes', {'volume': {'size': 1, 'volume_type': 'nope'}},
                     token=demo_token)
    assert resp.status_int == 404
    assert resp.data['itemNotFound']['message'] == \
        'Volume type with name nope could not be found.'
    for key in ('snapshot_id', 'source_volid', 'imageRef'):
        resp = demo.post('/volumes', {'volume': {'size': 1, key: 'nope'}}, token=demo_token)
        assert resp.status_int == 404, (key, resp.body)
    assert demo.post('/volumes', {'vol': {}}, token=demo_token).status_int == 400
    assert demo.get('/volumes', token=demo_token).data == {'volumes': []}


def test_from_image_snapshot_and_source(demo, demo_token):
    image_id = demo_image(demo, demo_token)
    vol = _create(demo, demo_token, size=1, imageRef=image_id)
    assert vol['bootable'] == 'true'
    assert vol['volume_image_metadata']['image_id'] == image_id
    assert vol['volume_image_metadata']['image_name'] == 'cirros'
    resp = demo.post('/snapshots', {'snapshot': {'volume_id': vol['id'], 'name': 's1'}},
                     token=demo_token)
    assert resp.status_int == 202, resp.body
    snap = resp.data['snapshot']
    assert (snap['status'], snap['size'], snap['volume_id']) == ('available', 1, vol['id'])
    clone = _create(demo, demo_token, snapshot_id=snap['id'])
    assert (clone['size'], clone['snapshot_id'], clone['bootable']) == (1, snap['id'], 'true')
    copy = _create(demo, demo_token, source_volid=clone['id'], size=2)
    assert (copy['size'], copy['source_volid']) == (2, clone['id'])
    resp = demo.post('/volumes', {'volume': {'source_volid': clone['id'], 'size': 0}},
                     token=demo_token)
    assert resp.status_int == 400
    # A volume with snapshots is not deleted without cascade.
    assert demo.delete('/volumes/' + vol['id'], token=demo_token).status_int == 400
    assert demo.delete('/volumes/%s?cascade=true' % vol['id'],
                       token=demo_token).status_int == 202
    assert demo.get('/snapshots/' + snap['id'], token=demo_token).status_int == 404


def demo_image(client, token):
    with engine.transaction() as sess:
        (image,) = image_api.list_images(sess, Ctx(None, is_admin=True), {'name': ['cirros']})
        return image.id


def test_list_filters_sort_paging(demo, demo_token):
    made = [_create(demo, demo_token, size=n, name='v%d' % n, metadata={'n': str(n % 2)})
            for n in (1, 2, 3)]
    details = demo.get('/volumes/detail?sort=size:asc', token=demo_token).data['volumes']
    assert [v['size'] for v in details] == [1, 2, 3]
    page = demo.get('/volumes?limit=2&sort=name:asc', token=demo_token).data
    assert [v['name'] for v in page['volumes']] == ['v1', 'v2']
    assert page['volumes_links'][0]['rel'] == 'next'
    assert 'marker=%s' % made[1]['id'] in page['volumes_links'][0]['href']
    rest = demo.get('/volumes?limit=2&sort=name:asc&marker=' + made[1]['id'],
                    token=demo_token).data
    assert [v['name'] for v in rest['volumes']] == ['v3'] and 'volumes_links' not in rest
    names = [v['name'] for v in demo.get('/volumes/detail?metadata={"n": "1"}',
                                         token=demo_token).data['volumes']]
    assert sorted(names) == ['v1', 'v3']
    assert demo.get('/volumes?name=v2', token=demo_token).data['volumes'][0]['name'] == 'v2'
    counted = demo.get('/volumes?with_count=true', token=demo_token, version='3.45').data
    assert counted['count'] == 3
    for query in ('sort=bogus:asc', 'sort=name:up', 'limit=-1', 'bogus=1', 'bootable=maybe'):
        resp = demo.get('/volumes?' + query, token=demo_token)
        assert resp.status_int == 400, query
    assert demo.get('/volumes?marker=nope', token=demo_token).status_int == 404


def test_quota_refusals_and_quota_sets(demo, demo_token, admin, admin_token, ids):
    project = ids['demo_project_id']
    resp = admin.put('/os-quota-sets/' + project, {'quota_set': {'volumes': 1, 'gigabytes': 5}},
                     token=admin_token)
    assert resp.status_int == 200 and resp.data['quota_set']['volumes'] == 1
    assert demo.put('/os-quota-sets/' + project, {'quota_set': {'volumes': 9}},
                    token=demo_token).status_int == 403
    resp = demo.post('/volumes', {'volume': {'size': 6}}, token=demo_token)
    assert resp.status_int == 413
    assert resp.data == {'overLimit': {
        'message': 'Requested volume or snapshot exceeds allowed gigabytes quota. Requested '
                   '6G, quota is 5G and 0G has been consumed.', 'code': 413, 'retryAfter': '0'}}
    vol = _create(demo, demo_token, size=1)
    resp = demo.post('/volumes', {'volume': {'size': 1}}, token=demo_token)
    assert resp.status_int == 413
    assert resp.data['overLimit']['message'] == \
        "Maximum number of volumes allowed (1) exceeded for quota 'volumes'."
    quota = demo.get('/os-quota-sets/%s?usage=true' % project, token=demo_token).data
    assert quota['quota_set']['volumes'] == {'limit': 1, 'in_use': 1, 'reserved': 0,
                                             'allocated': 0}
    assert quota['quota_set']['id'] == project
    defaults = demo.get('/os-quota-sets/%s/defaults' % project, token=demo_token).data
    assert defaults['quota_set']['volumes'] == 10
    assert defaults['quota_set']['volumes___DEFAULT__'] == -1
    resp = admin.put('/os-quota-sets/' + project, {'quota_set': {'volumes': 0}},
                     token=admin_token)
    assert resp.status_int == 400
    resp = demo.post('/volumes/%s/action' % vol['id'], {'os-extend': {'new_size': 9}},
                     token=demo_token)
    assert resp.status_int == 413
    assert admin.delete('/os-quota-sets/' + project, token=admin_token).status_int == 200


def test_types(demo, demo_token, admin, admin_token):
    (default,) = demo.get('/types', token=demo_token).data['volume_types']
    assert (default['name'], default['is_public']) == ('__DEFAULT__', True)
    assert demo.get('/types/default', token=demo_token).data['volume_type'] == default
    resp = demo.post('/types', {'volume_type': {'name': 'multi'}}, token=demo_token)
    assert resp.status_int == 403
    resp = admin.post('/types', {'volume_type': {'name': 'multi', 'extra_specs': {
        'multiattach': '<is> True', 'secret': 'x'}}}, token=admin_token)
    assert resp.status_int == 200, resp.body
    multi = resp.data['volume_type']
    assert admin.post('/types', {'volume_type': {'name': 'multi'}},
                      token=admin_token).status_int == 409
    seen = demo.get('/types/' + multi['id'], token=demo_token).data['volume_type']
    assert seen['extra_specs'] == {'multiattach': '<is> True'}
    vol = _create(demo, demo_token, size=1, volume_type='multi')
    assert vol['multiattach'] is True and vol['volume_type'] == 'multi'
    resp = admin.delete('/types/' + multi['id'], token=admin_token)
    assert resp.status_int == 400
    assert admin.delete('/types/' + default['id'], token=admin_token).status_int == 400
    demo.delete('/volumes/' + vol['id'], token=demo_token)
    assert admin.delete('/types/' + multi['id'], token=admin_token).status_int == 202
    assert demo.get('/types/nope', token=demo_token).data == {'itemNotFound': {
        'message': 'Volume type nope could not be found.', 'code': 404}}


def test_actions(demo, demo_token, admin, admin_token):
    vol = _create(demo, demo_token, size=1)
    path = '/volumes/%s/action' % vol['id']
    assert demo.post(path, {'os-extend': {'new_size': 2}}, token=demo_token).status_int == 202
    assert demo.get('/volumes/' + vol['id'], token=demo_token).data['volume']['size'] == 2
    resp = demo.post(path, {'os-extend': {'new_size': 2}}, token=demo_token)
    assert resp.data['badRequest']['message'] == (
        'Invalid input received: New size for extend must be greater than current size. '
        '(current: 2, extended: 2).')
    resp = demo.post(path, {'os-set_bootable': {'bootable': True}}, token=demo_token)
    assert resp.status_int == 200 and resp.body == b''
    assert demo.get('/volumes/' + vol['id'], token=demo_token).data['volume']['bootable'] == \
        'true'
    resp = demo.post(path, {'os-reset_status': {'status': 'error'}}, token=demo_token)
    assert resp.status_int == 403
    assert resp.data['forbidden']['message'] == (
        "Policy doesn't allow volume_extension:volume_admin_actions:reset_status to be "
        "performed.")
    assert admin.post(path, {'os-reset_status': {'status': 'error'}},
                      token=admin_token).status_int == 202
    assert demo.get('/volumes/' + vol['id'], token=demo_token).data['volume']['status'] == \
        'error'
    assert admin.post(path, {'os-reset_status': {'status': 'bogus'}},
                      token=admin_token).status_int == 400
    assert demo.post(path, {'os-nothing': None}, token=demo_token).status_int == 400
    assert demo.delete('/volumes/' + vol['id'], token=demo_token).status_int == 202


def test_legacy_attach_actions(demo, demo_token):
    vol = _create(demo, demo_token, size=1)
    path = '/volumes/%s/action' % vol['id']

    def status():
        return demo.get('/volumes/' + vol['id'], token=demo_token).data['volume']

    assert demo.post(path, {'os-reserve': None}, token=demo_token).status_int == 202
    assert status()['status'] == 'attaching'
    resp = demo.post(path, {'os-reserve': None}, token=demo_token)
    assert resp.data['badRequest']['message'] == (
        'Invalid volume: Volume status must be available to reserve, but the status is '
        'attaching.')
    assert demo.post(path, {'os-unreserve': None}, token=demo_token).status_int == 202
    assert status()['status'] == 'available'
    server = '6f3b3d5e-1b52-4f1c-a5cb-2d1de4c6f0d1'
    assert demo.post(path, {'os-attach': {'instance_uuid': server, 'mountpoint': '/dev/vdb'}},
                     token=demo_token).status_int == 202
    shown = status()
    assert shown['status'] == 'in-use'
    assert shown['attachments'][0]['server_id'] == server
    assert shown['attachments'][0]['device'] == '/dev/vdb'
    assert demo.delete('/volumes/' + vol['id'], token=demo_token).status_int == 400
    assert demo.post(path, {'os-begin_detaching': None}, token=demo_token).status_int == 202
    assert status()['status'] == 'detaching'
    assert demo.post(path, {'os-roll_detaching': None}, token=demo_token).status_int == 202
    assert status()['status'] == 'in-use'
    resp = demo.post(path, {'os-initialize_connection': {'connector': {'host': 'h'}}},
                     token=demo_token)
    assert resp.data['connection_info']['driver_volume_type'] == 'iscsi'
    assert demo.post(path, {'os-detach': {}}, token=demo_token).status_int == 202
    assert status()['status'] == 'available' and status()['attachments'] == []
