"""Servers and the block-storage service: boot from volume, delete_on_termination, images of
volume-backed servers."""

import json

from novaapi import context
from novaapi.db import engine
from novaapi.image import api as image_api

ADMIN = context.RequestContext(user_id='u', project_id=None, roles=['admin'])


def _bfv(servers, source, uuid, size=1, delete=False, **extra):
    bdm = {'boot_index': 0, 'source_type': source, 'destination_type': 'volume',
           'uuid': uuid, 'delete_on_termination': delete, **extra}
    if size:
        bdm['volume_size'] = size
    return {'imageRef': '', 'block_device_mapping_v2': [bdm]}


def test_boot_from_image_creates_a_bootable_volume_and_deletes_it_with_the_server(servers):
    image_id = servers.image_id()
    uuid = servers.boot(**_bfv(servers, 'image', image_id, delete=True))
    server = servers.get(uuid)
    assert server['status'] == 'ACTIVE' and server['image'] == ''
    (attached,) = server['os-extended-volumes:volumes_attached']
    volume = servers.volume_call('GET', '/volumes/' + attached['id']).json_body_or_none['volume']
    assert (volume['status'], volume['bootable'], volume['size'], volume['name']) == (
        'in-use', 'true', 1, '')
    assert volume['volume_image_metadata']['image_id'] == image_id
    assert volume['attachments'][0]['server_id'] == uuid
    assert volume['attachments'][0]['device'] == '/dev/vda'
    assert servers.call('DELETE', '/servers/' + uuid).status_int == 204
    servers.settle()
    assert servers.volume_status(attached['id']) is None


def test_boot_from_an_existing_volume_keeps_it(servers):
    volume_id = servers.volume(imageRef=servers.image_id())
    uuid = servers.boot(**_bfv(servers, 'volume', volume_id, size=None))
    assert servers.volume_status(volume_id) == 'in-use'
    resp = servers.call('POST', '/servers', {'server': {
        'name': 'again', 'flavorRef': '1', 'networks': 'none',
        **_bfv(servers, 'volume', volume_id, size=None)}})
    assert resp.status_int == 400
    assert 'status must be available or downloading to reserve' in \
        resp.json_body_or_none['badRequest']['message']
    servers.call('DELETE', '/servers/' + uuid)
    servers.settle()
    assert servers.volume_status(volume_id) == 'available'


def test_boot_refusals(servers):
    def boot(**body):
        resp = servers.call('POST', '/servers', {'server': {
            'name': 'x', 'flavorRef': '1', 'networks': 'none', **body}})
        return resp.status_int, resp.json_body_or_none['badRequest']['message']

    missing = '0b4b2d55-0f6b-4bb3-9a39-4b9b0c8b3e01'
    assert boot(**_bfv(servers, 'volume', missing, size=None)) == (
        400, 'Block Device Mapping is Invalid: failed to get volume %s.' % missing)
    assert boot(**_bfv(servers, 'snapshot', missing)) == (
        400, 'Block Device Mapping is Invalid: failed to get snapshot %s.' % missing)
    assert boot(**_bfv(servers, 'image', servers.image_id(), size=None)) == (
        400, "Images with destination_type 'volume' need to have a non-zero size specified")


def test_volume_quota_fails_the_build(servers):
    uuid = servers.boot(**_bfv(servers, 'image', servers.image_id(), size=2000))
    server = servers.get(uuid)
    assert server['status'] == 'ERROR'
    assert server['fault']['message'].startswith('Build of instance %s aborted: ' % uuid)


def test_image_of_a_volume_backed_server_points_at_volume_snapshots(servers):
    uuid = servers.boot(**_bfv(servers, 'image', servers.image_id()))
    resp = servers.action(uuid, {'createImage': {'name': 'snap'}})
    assert resp.status_int == 202, resp.body
    image_id = resp.json_body_or_none['image_id']
    snapshots = servers.volume_call('GET', '/snapshots/detail').json_body_or_none['snapshots']
    (snapshot,) = snapshots
    assert snapshot['name'] == 'snapshot for snap'
    with engine.transaction() as sess:
        meta = image_api.image_meta_for_server(image_api.get(sess, ADMIN, image_id))
    assert meta['status'] == 'active'
    props = meta['properties']
    mapping = json.loads(props['block_device_mapping'])
    assert (mapping[0]['source_type'], mapping[0]['snapshot_id'], mapping[0]['boot_index']) == (
        'snapshot', snapshot['id'], 0)
    assert props['bdm_v2'] == 'True' and props['root_device_name'] == '/dev/vda'
