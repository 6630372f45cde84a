"""createImage and createBackup through the compute pipeline."""

import sqlalchemy as sa

from novaapi.db import engine


def test_create_image_and_backup(servers):
    uuid = servers.boot()
    resp = servers.action(uuid, {'createImage': {'name': 'snap', 'metadata': {'k': 'v'}}},
                          version='2.45')
    assert resp.status_int == 202
    image_id = resp.json_body_or_none['image_id']
    assert servers.get(uuid)['OS-EXT-STS:task_state'] == 'image_snapshot_pending'
    servers.settle()
    assert servers.get(uuid)['OS-EXT-STS:task_state'] is None
    from novaapi.image import models as image_models
    with engine.transaction() as sess:
        image = sess.get(image_models.Image, image_id)
        assert image.status == 'active' and image.properties_dict['instance_uuid'] == uuid
    old = servers.action(uuid, {'createImage': {'name': 'snap2'}}, version='2.44')
    assert old.status_int == 202 and old.body == b''
    assert old.headers['Location'].endswith('/images/' + servers_last_image(old))
    servers.settle()
    backup = {'createBackup': {'name': 'b', 'backup_type': 'daily', 'rotation': 1}}
    assert servers.action(uuid, backup).status_int == 202
    servers.settle()
    assert servers.action(uuid, backup).status_int == 202
    servers.settle()
    with engine.transaction() as sess:
        backups = [i for i in sess.scalars(sa.select(image_models.Image))
                   if i.properties_dict.get('image_type') == 'backup']
        assert len(backups) == 1


def servers_last_image(resp):
    return resp.headers['Location'].rsplit('/', 1)[1]


def test_admin_snapshot_of_another_project_is_shared_with_it(servers):
    """Nova makes the image ``shared`` and the server's project a member of it."""
    uuid = servers.boot()
    resp = servers.action(uuid, {'createImage': {'name': 'for-demo'}}, admin=True)
    assert resp.status_int == 202, resp.body
    image_id = resp.json_body_or_none['image_id']
    servers.settle()
    from novaapi.image import models as image_models
    with engine.transaction() as sess:
        image = sess.get(image_models.Image, image_id)
        assert image.visibility == 'shared'
        assert [(m.member, m.status) for m in image.members] == [
            (servers.project_of(uuid), 'pending')]
    shown = servers.call('GET', '/images/%s' % image_id, version='2.1')
    assert shown.status_int == 200 and shown.json_body_or_none['image']['status'] == 'ACTIVE'
