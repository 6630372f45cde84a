"""Compute API tests: the in-process compute app, servers with a hand-cranked state machine, operators."""

import json

import pytest
import sqlalchemy as sa

from novaapi import conf
from novaapi.compute import engine as machine
from novaapi.compute import models
from novaapi.db import engine


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


class Operator:
    """Calls the compute API as admin (default) or demo and decodes the JSON answer."""

    def __init__(self, app, admin_token, demo_token):
        self.app, self.admin_token, self.demo_token = app, admin_token, demo_token

    def call(self, method, path, body=None, version='2.1', demo=False):
        token = self.demo_token if demo else self.admin_token
        resp = self.app.request(method, '/v2.1' + path, token, body=body, version=version)
        resp.data = json.loads(resp.body) if resp.body else None
        return resp

    def ok(self, method, path, body=None, version='2.1', status=200):
        resp = self.call(method, path, body, version)
        assert resp.status_int == status, resp.body
        return resp.data

    def settle(self, limit=50):
        for _ in range(limit):
            if not machine.advance_due():
                return

    def boot(self, name='vm', demo=True, **extra):
        from tests.unit.novaapi.api import helpers
        return helpers.boot(self, name, demo, **extra)


@pytest.fixture
def op(compute, admin_token, demo_token):
    conf.CONF.set('compute', 'build_time', 0.0)
    conf.CONF.set('compute', 'action_time', 0.0)
    return Operator(compute, admin_token, demo_token)


def project_id(name):
    """The id of the project called ``name``."""
    from novaapi.identity import models
    with engine.transaction() as sess:
        return sess.scalars(sa.select(models.Project.id).where(models.Project.name == name)).one()


@pytest.fixture
def demo_project(deployment):
    return project_id('demo')
