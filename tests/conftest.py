"""Fixtures shared by the unit tests: a prepared temporary deployment and its compute app."""

import json
import os
import threading

import pytest
import sqlalchemy as sa
import webob

from novaapi import conf
from novaapi.db import engine


@pytest.fixture
def deployment(tmp_path):
    """A fresh data directory with a migrated, seeded SQLite database."""
    from novaapi import service
    conf.CONF.reset()
    conf.CONF.set('DEFAULT', 'data_dir', str(tmp_path))
    conf.CONF.set('identity', 'password_hash_rounds', 16)
    engine.reset()
    service.prepare()
    yield tmp_path
    engine.reset()
    conf.CONF.reset()


def _token(user, project):
    from novaapi.identity import models
    from novaapi.identity import tokens
    with engine.transaction() as sess:
        user_id = sess.scalars(sa.select(models.User.id).where(models.User.name == user)).one()
        project_id = sess.scalars(sa.select(models.Project.id).where(models.Project.name == project)).one()
        issued = tokens.issue(sess, user_id, project_id, ['password'])
    return issued[0] if isinstance(issued, tuple) else issued


class AppClient:
    """Drives a WSGI app in-process the way an HTTP client would."""

    def __init__(self, app, host='127.0.0.1:8774'):
        self.app = app
        self.host = host

    def request(self, method, path, token=None, body=None, version=None, headers=None, raw=None):
        req = webob.Request.blank(path, method=method)
        req.host = self.host
        if token:
            req.headers['X-Auth-Token'] = token
        if version:
            req.headers['OpenStack-API-Version'] = 'compute %s' % version
        if body is not None:
            req.body = json.dumps(body).encode()
            req.content_type = 'application/json'
        if raw is not None:
            req.body = raw
        for key, value in (headers or {}).items():
            req.headers[key] = value
        return req.get_response(self.app)


@pytest.fixture
def compute(deployment):
    from paste import deploy
    app = deploy.loadapp('config:' + conf.CONF.paste_config, name='osapi_compute')
    return AppClient(app)


@pytest.fixture
def admin_token(deployment):
    return _token('admin', 'admin')


@pytest.fixture
def demo_token(deployment):
    return _token('demo', 'demo')


SAMPLES = os.path.join(os.path.dirname(__file__), 'data', 'api-samples')


def sample(path):
    """A Nova API sample from tests/data/api-samples; a missing one is an error, not a skip."""
    with open(os.path.join(SAMPLES, path), encoding='utf-8') as f:
        return json.load(f)


def unavailable(reason):
    """Skip a test whose optional external service is missing; under ``CI=true`` fail instead.

    The only such services are a database server (PostgreSQL, MariaDB), a real
    Keystone, a package index for the real-client venvs and ssh-keygen; CI
    provides them all.
    """
    if os.environ.get('CI') == 'true':
        pytest.fail('%s (required under CI=true)' % reason)
    pytest.skip(reason)


BACKENDS = {
    'sqlite': None,
    'postgresql': ('postgresql+psycopg2://postgres@127.0.0.1:5432/test',
                   'postgresql+psycopg2://postgres@127.0.0.1:5432/%s'),
    'mariadb': ('mysql+pymysql://root@127.0.0.1:3306/test', 'mysql+pymysql://root@127.0.0.1:3306/%s'),
}
# The pure-Python PostgreSQL driver stays supported; the database-layer tests also run on it.
DRIVERS = {'pg8000': ('postgresql+pg8000://postgres@127.0.0.1:5432/test',
                      'postgresql+pg8000://postgres@127.0.0.1:5432/%s')}


def scratch_database(kind, tmp_path):
    """Create an empty database on ``kind`` and return (url, drop); skip when the server is absent.

    Under CI (``CI=true``) an unreachable server is a failure, not a skip.
    """
    import uuid
    if kind == 'sqlite':
        return 'sqlite:///%s' % (tmp_path / 'scratch.sqlite'), lambda: None
    admin_url, template = BACKENDS.get(kind) or DRIVERS[kind]
    name = 'novatest_%s' % uuid.uuid4().hex[:12]
    try:
        admin = sa.create_engine(admin_url, isolation_level='AUTOCOMMIT')
        with admin.connect() as conn:
            conn.execute(sa.text('CREATE DATABASE %s' % name))
    except Exception as exc:  # noqa: BLE001 - any connection failure means "not here"
        unavailable('%s server not reachable: %s' % (kind, str(exc).splitlines()[0]))

    def drop():
        with admin.connect() as conn:
            if admin.dialect.name == 'postgresql':
                conn.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                     "WHERE datname = '%s' AND pid <> pg_backend_pid()" % name))
            conn.execute(sa.text('DROP DATABASE %s' % name))
        admin.dispose()
    return template % name, drop


def api_pair_on_postgresql(tmp_path, config_text):
    """Two ``nova-api`` processes (two workers each) sharing one scratch PostgreSQL database.

    A generator for a fixture to delegate to: yields (first, second), then stops both and drops
    the database.
    """
    from tests.functional import server as server_mod
    url, drop = scratch_database('postgresql', tmp_path)
    started = []
    try:
        for name in ('a', 'b'):
            started.append(server_mod.start_api(tmp_path / name, config_text=config_text,
                                                workers=2, database=url,
                                                admin_password='shared-admin-secret'))
        yield tuple(started)
    finally:
        for api in started:
            api.stop()
        drop()


@pytest.fixture(params=sorted(BACKENDS))
def backend(request, tmp_path):
    """A deployment on each database backend: migrated and seeded."""
    yield from deployment_on(request.param, tmp_path)


def deployment_on(kind, tmp_path):
    """A generator for fixtures: a migrated, seeded deployment on a scratch ``kind`` database."""
    from novaapi import service
    url, drop = scratch_database(kind, tmp_path)
    conf.CONF.reset()
    conf.CONF.set('DEFAULT', 'data_dir', str(tmp_path))
    conf.CONF.set('database', 'connection', url)
    conf.CONF.set('identity', 'password_hash_rounds', 16)
    engine.reset()
    service.prepare()
    yield kind
    engine.reset()
    conf.CONF.reset()
    drop()


def together(count, work, expected=()):
    """Run ``work(n)`` in ``count`` threads released at once; assert none raised but
    ``expected``.

    :returns: ``(results, expected errors)``
    """
    barrier = threading.Barrier(count)
    results, refused, errors = [], [], []

    def worker(n):
        try:
            barrier.wait(timeout=30)
            results.append(work(n))
        except expected as exc:
            refused.append(exc)
        except Exception as exc:  # noqa: BLE001 - collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    return results, refused
