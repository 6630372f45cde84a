"""Fixtures shared by the tests of novaapi's compute API and its domain modules.

``servers`` boots servers through the compute app and runs their state machine by hand.
"""

import json

import pytest
import sqlalchemy as sa

from novaapi import conf
from novaapi.compute import engine as machine
from novaapi.compute import models
from novaapi.compute import quotas
from novaapi.db import engine


@pytest.fixture
def fake_instances(monkeypatch):
    """Counters for instances, cores and ram reading a dict: ``usage[project_or_user] = n``."""
    counts = {}

    def counter(resource, per_instance):
        def count(sess, project_id, user_id):
            return counts.get(user_id or project_id, 0) * per_instance
        return count
    for resource, per in (('instances', 1), ('cores', 2), ('ram', 512)):
        monkeypatch.setitem(quotas.COUNTERS, resource, counter(resource, per))
    return counts


class Servers:
    """Helpers to boot servers and run their pending steps to the end."""

    def __init__(self, app, token, admin_token):
        self.app, self.token, self.admin_token = app, token, admin_token

    def call(self, method, path, body=None, version='2.96', admin=False, **kwargs):
        token = self.admin_token if admin else self.token
        resp = self.app.request(method, '/v2.1' + path, token, body=body, version=version, **kwargs)
        resp.json_body_or_none = json.loads(resp.body) if resp.body else None
        return resp

    def settle(self, limit=50):
        for _ in range(limit):
            if not machine.advance_due():
                return

    def image_id(self):
        from novaapi.image import models
        with engine.transaction() as sess:
            return sess.scalars(sa.select(models.Image.id).where(models.Image.name == 'cirros')).first()

    def boot(self, settle=True, **server):
        body = {'name': 'vm', 'imageRef': self.image_id(), 'flavorRef': '1', 'networks': 'auto'}
        body.update(server)
        resp = self.call('POST', '/servers', {'server': body})
        assert resp.status_int == 202, resp.body
        uuid = resp.json_body_or_none['server']['id']
        if settle:
            self.settle()
        return uuid

    def get(self, uuid, version='2.96', admin=False):
        resp = self.call('GET', '/servers/' + uuid, version=version, admin=admin)
        assert resp.status_int == 200, resp.body
        return resp.json_body_or_none['server']

    def action(self, uuid, body, version='2.96', admin=False):
        return self.call('POST', '/servers/%s/action' % uuid, body, version=version, admin=admin)

    def volume_call(self, method, path, body=None, admin=False, version='3.71'):
        """A request to the block-storage endpoint, ``path`` under ``/v3/<project>``."""
        from paste import deploy
        from novaapi.identity import tokens
        from tests.conftest import AppClient
        token = self.admin_token if admin else self.token
        app = AppClient(deploy.loadapp('config:' + conf.CONF.paste_config, name='volume'),
                        host='127.0.0.1:8776')
        project_id = tokens.validate(token).project_id
        resp = app.request(method, '/v3/%s%s' % (project_id, path), token, body=body,
                           headers={'OpenStack-API-Version': 'volume ' + version})
        resp.json_body_or_none = json.loads(resp.body) if resp.body else None
        return resp

    def volume(self, size=1, admin=False, **spec):
        """A new available volume's id (the block-storage endpoint, no delay)."""
        conf.CONF.set('volume', 'status_delay', 0)
        resp = self.volume_call('POST', '/volumes', {'volume': {'size': size, **spec}}, admin)
        assert resp.status_int == 202, resp.body
        return resp.json_body_or_none['volume']['id']

    def volume_status(self, volume_id, admin=False):
        resp = self.volume_call('GET', '/volumes/' + volume_id, admin=admin)
        return resp.json_body_or_none['volume']['status'] if resp.status_int == 200 else None


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
    conf.CONF.set('volume', 'status_delay', 0)
    return SubServers(compute, demo_token, admin_token)
