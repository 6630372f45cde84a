"""Fixtures: a fresh SQLite database holding bootstrapped identity data."""

import json

import pytest
import webob

from novaapi import conf
from novaapi.db import base
from novaapi.db import engine
from novaapi.identity import app
from novaapi.identity import bootstrap as bootstrap_mod
from novaapi.identity import models  # noqa: F401  (registers the tables)

ADMIN_PASSWORD = 'admin-secret'
DEMO_PASSWORD = 'demo-secret'
ENDPOINTS = {
    'identity': 'http://127.0.0.1:5000/v3',
    'compute': 'http://127.0.0.1:8774/v2.1',
    'image': 'http://127.0.0.1:9292',
    'network': 'http://127.0.0.1:9696',
}


@pytest.fixture
def db(tmp_path):
    """An empty identity schema on a temporary SQLite file."""
    conf.CONF.set('database', 'connection', 'sqlite:///%s' % (tmp_path / 'identity.sqlite'))
    conf.CONF.set('identity', 'password_hash_rounds', 16)
    engine.reset()
    base.Base.metadata.create_all(engine.get_engine())
    yield
    engine.reset()
    conf.CONF.reset()


@pytest.fixture
def ids(db):
    """Run bootstrap once and return the ids it reports."""
    with engine.transaction() as sess:
        return bootstrap_mod.bootstrap(sess, ADMIN_PASSWORD, DEMO_PASSWORD, ENDPOINTS)


class Client:
    """Drives the identity endpoint in-process with ``webob.Request.blank``."""

    def __init__(self, app):
        self.app = app

    def request(self, method, path, body=None, token=None, headers=None):
        req = webob.Request.blank(path, method=method, headers=headers or {})
        if token:
            req.headers['X-Auth-Token'] = token
        if body is not None:
            req.body = json.dumps(body).encode('utf-8')
            req.content_type = 'application/json'
        resp = req.get_response(self.app)
        resp.data = json.loads(resp.body) if resp.body else None
        return resp

    def get(self, path, token=None, **kw):
        return self.request('GET', path, token=token, **kw)

    def post(self, path, body, token=None, **kw):
        return self.request('POST', path, body, token=token, **kw)

    def patch(self, path, body, token=None):
        return self.request('PATCH', path, body, token=token)

    def put(self, path, token=None):
        return self.request('PUT', path, token=token)

    def delete(self, path, token=None, **kw):
        return self.request('DELETE', path, token=token, **kw)

    def login(self, user='admin', password=None, project=None, **kw):
        """POST a password auth by name; returns the response."""
        password = password or {'admin': ADMIN_PASSWORD, 'demo': DEMO_PASSWORD}.get(user)
        return self.post('/v3/auth/tokens', password_auth(user, password, project), **kw)

    def token(self, user='admin', project=None):
        project = project or user
        resp = self.login(user, project=project)
        assert resp.status_int == 201, resp.body
        return resp.headers['X-Subject-Token']


def password_auth(user, password, project=None, domain=None):
    """A Keystone ``auth`` body for password auth, by name in the default domain."""
    auth = {'identity': {'methods': ['password'], 'password': {'user': {
        'name': user, 'domain': domain or {'name': 'Default'}, 'password': password}}}}
    if project:
        auth['scope'] = {'project': {'name': project, 'domain': {'id': 'default'}}}
    return {'auth': auth}


def create(client, token, collection, key, ref):
    """POST ``{key: ref}`` to ``/v3/<collection>`` and return the created entity."""
    resp = client.post('/v3/%s' % collection, {key: ref}, token=token)
    assert resp.status_int == 201, resp.body
    return resp.data[key]


def role_id(client, token, name):
    """The id of the role called ``name``."""
    return client.get('/v3/roles?name=%s' % name, token=token).data['roles'][0]['id']


@pytest.fixture
def client(ids):
    return Client(app.build())


@pytest.fixture
def admin_token(client):
    return client.token('admin')


@pytest.fixture
def demo_token(client):
    return client.token('demo')
