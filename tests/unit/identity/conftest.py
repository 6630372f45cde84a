"""Fixtures: a fresh SQLite database holding bootstrapped identity data."""

import pytest

from novaapi import conf
from novaapi.db import base
from novaapi.db import engine
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
