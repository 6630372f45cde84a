"""The image Python API the compute API calls: get, snapshots, status, property lookups, delete."""

import hashlib

import pytest

from novaapi import exception
from novaapi.db import engine
from novaapi.image import api
from novaapi.image import store
from tests.unit.novaapi.image.conftest import Ctx


def test_get_raises_image_not_found(ids):
    with engine.transaction() as sess:
        with pytest.raises(exception.ImageNotFound) as err:
            api.get(sess, Ctx(ids['demo_project_id']), 'missing')
    assert err.value.message == 'Image missing could not be found.'
    assert err.value.code == 404


def test_snapshot_lifecycle(ids):
    demo = Ctx(ids['demo_project_id'])
    props = {'instance_uuid': 'server-1', 'image_type': 'snapshot', 'base_image_ref': 'x'}
    with engine.transaction() as sess:
        image = api.create_snapshot(sess, demo, 'snap', props, min_disk=1, min_ram=512)
        image_id = image.id
    with engine.transaction() as sess:
        image = api.get(sess, demo, image_id)
        assert (image.status, image.visibility, image.min_disk, image.min_ram) == (
            'queued', 'private', 1, 512)
        view = api.view(image)
        assert view['instance_uuid'] == 'server-1' and view['size'] is None
        api.set_status(sess, image_id, 'saving')
        api.store_generated(sess, image_id, 'server-1', 1024)
    with engine.transaction() as sess:
        image = api.get(sess, demo, image_id)
        assert (image.status, image.size) == ('active', 1024)
        data = b''.join(store.read(image_id))
        assert len(data) == 1024 and data.startswith(b'QFI\xfb')
        assert image.checksum == hashlib.md5(data).hexdigest()
        assert image.os_hash_algo == 'sha512'
        assert image.os_hash_value == hashlib.sha512(data).hexdigest()
        found = api.list_by_property(sess, demo, 'instance_uuid', 'server-1')
        assert [i.id for i in found] == [image_id]
        assert api.list_by_property(sess, Ctx('other'), 'instance_uuid', 'server-1') == []
        meta = api.image_meta_for_server(image)
        assert meta['properties']['image_type'] == 'snapshot'
        assert api.delete(sess, image_id) is True
        assert store.exists(image_id), 'the data stays until the deletion commits'
        assert api.delete(sess, image_id) is False
        assert api.set_status(sess, image_id, 'active') is None
        assert api.store_generated(sess, image_id, 'x', 1) is None
    assert not store.exists(image_id)


def test_a_rolled_back_deletion_keeps_the_data(ids):
    with engine.transaction() as sess:
        image_id = api.create_snapshot(sess, Ctx(ids['demo_project_id']), 'snap', {}).id
        api.store_generated(sess, image_id, 'seed', 10)
    with pytest.raises(RuntimeError):
        with engine.transaction() as sess:
            api.delete(sess, image_id)
            raise RuntimeError('rolled back')
    assert store.exists(image_id)


def test_seed_is_idempotent(ids):
    with engine.transaction() as sess:
        api.seed(sess)
        rows = api.list_images(sess, Ctx(None, is_admin=True), visibility='all')
    assert [r.name for r in rows] == ['cirros']
    assert rows[0].owner == ids['admin_project_id']
    assert (rows[0].status, rows[0].size) == ('active', api.CIRROS_BYTES)
    assert sum(len(c) for c in store.read(rows[0].id)) == api.CIRROS_BYTES
