"""The image Python API the compute API calls: get, snapshots, status, property lookups, delete."""

import pytest

from novaapi import exception
from novaapi.db import engine
from novaapi.image import api
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
        api.set_status(sess, image_id, 'active', size=1024)
    with engine.transaction() as sess:
        image = api.get(sess, demo, image_id)
        assert (image.status, image.size) == ('active', 1024)
        assert image.checksum and image.os_hash_algo == 'sha512'
        found = api.list_by_property(sess, demo, 'instance_uuid', 'server-1')
        assert [i.id for i in found] == [image_id]
        assert api.list_by_property(sess, Ctx('other'), 'instance_uuid', 'server-1') == []
        meta = api.image_meta_for_server(image)
        assert meta['properties']['image_type'] == 'snapshot'
        assert api.delete(sess, image_id) is True
        assert api.delete(sess, image_id) is False
        assert api.set_status(sess, image_id, 'active') is None


def test_seed_is_idempotent(ids):
    with engine.transaction() as sess:
        api.seed(sess)
        rows = api.list_images(sess, Ctx(None, is_admin=True), visibility='all')
    assert [r.name for r in rows] == ['cirros']
    assert rows[0].owner == ids['admin_project_id']
