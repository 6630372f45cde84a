"""Servers booted through ``POST /servers`` with a hand-cranked state machine, for sub-resources."""

import pytest
import sqlalchemy as sa

from novaapi import conf
from novaapi.compute import models
from novaapi.db import engine
from tests.unit.compute.conftest import Servers


class SubServers(Servers):
    """``Servers`` plus shortcuts for sub-resource paths and direct row edits."""

    def sub(self, method, uuid, path, body=None, **kwargs):
        return self.call(method, '/servers/%s/%s' % (uuid, path), body, **kwargs)

    def set_instance(self, uuid, **values):
        with engine.transaction() as sess:
            sess.execute(sa.update(models.Instance).where(models.Instance.uuid == uuid).values(**values))

    def project_of(self, uuid):
        with engine.transaction() as sess:
            return sess.scalar(sa.select(models.Instance.project_id)
                               .where(models.Instance.uuid == uuid))


@pytest.fixture
def servers(compute, demo_token, admin_token):
    conf.CONF.set('compute', 'build_time', 0.0)
    conf.CONF.set('compute', 'action_time', 0.0)
    return SubServers(compute, demo_token, admin_token)
