"""Shared helpers of the compute API tests."""

import sqlalchemy as sa

from novaapi.compute import models
from novaapi.db import engine


def image_id():
    from novaapi.image import models
    with engine.transaction() as sess:
        return sess.scalars(sa.select(models.Image.id).where(models.Image.name == 'cirros')).first()


def boot(op, name, demo, **extra):
    body = {'server': dict({'name': name, 'imageRef': image_id(), 'flavorRef': '1', 'networks': 'auto'},
                           **extra)}
    resp = op.call('POST', '/servers', body, version='2.74' if 'host' in extra else '2.37', demo=demo)
    assert resp.status_int == 202, resp.body
    op.settle()
    return resp.data['server']['id']


def keys(obj):
    return set(obj)


def live_migrating(servers):
    """Boot a server and start its live migration; returns its uuid and the migration id."""
    uuid = servers.boot()
    resp = servers.action(uuid, {'os-migrateLive': {'host': None, 'block_migration': 'auto'}},
                          version='2.80', admin=True)
    assert resp.status_int == 202, resp.body
    with engine.transaction() as sess:
        migration_id = sess.scalar(sa.select(models.Migration.id)
                                   .where(models.Migration.instance_uuid == uuid))
    return uuid, migration_id
