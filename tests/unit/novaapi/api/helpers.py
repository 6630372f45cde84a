"""Shared helpers of the operator tests."""

import sqlalchemy as sa

from novaapi.db import engine
from tests.conftest import sample  # noqa: F401 - re-exported


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
