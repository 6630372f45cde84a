"""Compute API tests: operators calling the compute app, and the demo project."""

import json

import pytest
import sqlalchemy as sa

from novaapi import conf
from novaapi.compute import engine as machine
from novaapi.db import engine


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
