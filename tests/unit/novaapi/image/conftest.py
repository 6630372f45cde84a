"""Fixtures: a fresh SQLite database with identity, the seeded cirros image and network."""

import json

import pytest
import webob

from novaapi import conf
from novaapi.db import base
from novaapi.db import engine
from novaapi import models  # noqa: F401 - registers every table
from novaapi.identity import bootstrap
from novaapi.identity import tokens
from novaapi.image import api as image_api
from novaapi.network import api as network_api

ENDPOINTS = {'identity': 'http://127.0.0.1:5000/v3', 'compute': 'http://127.0.0.1:8774/v2.1',
             'image': 'http://127.0.0.1:9292', 'network': 'http://127.0.0.1:9696'}


@pytest.fixture
def ids(tmp_path):
    """Bootstrapped identity plus the image and network seeds; returns bootstrap's ids."""
    conf.CONF.set('DEFAULT', 'data_dir', str(tmp_path))
    conf.CONF.set('database', 'connection', 'sqlite:///%s' % (tmp_path / 'nova.sqlite'))
    conf.CONF.set('identity', 'password_hash_rounds', 16)
    engine.reset()
    base.Base.metadata.create_all(engine.get_engine())
    with engine.transaction() as sess:
        result = bootstrap.bootstrap(sess, 'admin-pw', 'demo-pw', ENDPOINTS)
        image_api.seed(sess)
        network_api.seed(sess)
    yield result
    engine.reset()
    conf.CONF.reset()


def issue(user_id, project_id):
    with engine.transaction() as sess:
        return tokens.issue(sess, user_id, project_id, ['password'])[0]


@pytest.fixture
def admin_token(ids):
    return issue(ids['admin_user_id'], ids['admin_project_id'])


@pytest.fixture
def demo_token(ids):
    return issue(ids['demo_user_id'], ids['demo_project_id'])


class Client:
    """Drives a WSGI app in-process with ``webob.Request.blank``."""

    def __init__(self, app):
        self.app = app

    def request(self, method, path, body=None, token=None, content_type='application/json',
                headers=None, raw=None):
        req = webob.Request.blank(path, method=method, headers=headers or {})
        if token:
            req.headers['X-Auth-Token'] = token
        if raw is not None:
            req.body = raw
            req.content_type = content_type
        elif body is not None:
            req.body = json.dumps(body).encode('utf-8')
            req.content_type = content_type
        resp = req.get_response(self.app)
        try:
            resp.data = json.loads(resp.body) if resp.body else None
        except ValueError:
            resp.data = None
        return resp

    def get(self, path, token=None, **kw):
        return self.request('GET', path, token=token, **kw)

    def post(self, path, body, token=None, **kw):
        return self.request('POST', path, body, token=token, **kw)

    def put(self, path, body, token=None, **kw):
        return self.request('PUT', path, body, token=token, **kw)

    def patch(self, path, body, token=None, **kw):
        return self.request('PATCH', path, body, token=token, **kw)

    def delete(self, path, token=None, **kw):
        return self.request('DELETE', path, token=token, **kw)


class Ctx:
    """The few context fields the Python APIs read."""

    scope = 'project'

    def __init__(self, project_id, is_admin=False):
        self.project_id = project_id
        self.is_admin = is_admin
