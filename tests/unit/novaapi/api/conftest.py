"""Servers driven in-process: the compute app plus a hand-cranked state machine."""

import json

import pytest
import sqlalchemy as sa

from novaapi import conf
from novaapi.compute import engine as machine
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


@pytest.fixture
def servers(compute, demo_token, admin_token):
    conf.CONF.set('compute', 'build_time', 0.0)
    conf.CONF.set('compute', 'action_time', 0.0)
    return Servers(compute, demo_token, admin_token)
