"""Bootstrap data: everything created once, then kept up to date."""

import sqlalchemy as sa

from novaapi.db import engine
from novaapi.identity import bootstrap
from novaapi.identity import models
from novaapi.identity import passwords
from tests.unit.novaapi.identity import conftest


def test_bootstrap_creates_everything(ids):
    with engine.transaction() as sess:
        assert sess.get(models.Domain, 'default').name == 'Default'
        names = set(sess.scalars(sa.select(models.Project.name)))
        assert names == {'admin', 'demo', 'service'}
        assert set(sess.scalars(sa.select(models.Role.name))) == set(bootstrap.ROLES)
        assert sess.scalar(sa.select(sa.func.count()).select_from(models.Endpoint)) == 12
        admin = sess.get(models.User, ids['admin_user_id'])
        assert conftest.ADMIN_PASSWORD not in admin.password_hash
        assert passwords.verify_password(conftest.ADMIN_PASSWORD, admin.password_hash)


def test_bootstrap_is_idempotent_and_updates(ids):
    endpoints = dict(conftest.ENDPOINTS, compute='http://10.0.0.1:8774/v2.1')
    with engine.transaction() as sess:
        old_hash = sess.get(models.User, ids['demo_user_id']).password_hash
        again = bootstrap.bootstrap(sess, 'new-admin', conftest.DEMO_PASSWORD, endpoints)
    assert again == ids
    with engine.transaction() as sess:
        admin = sess.get(models.User, ids['admin_user_id'])
        assert passwords.verify_password('new-admin', admin.password_hash)
        assert sess.get(models.User, ids['demo_user_id']).password_hash == old_hash
        urls = set(sess.scalars(sa.select(models.Endpoint.url)
                                .join(models.Service).where(models.Service.type == 'compute')))
        assert urls == {'http://10.0.0.1:8774/v2.1'}
        # admin on its project and on the system, demo on its project
        assert sess.scalar(sa.select(sa.func.count()).select_from(models.RoleAssignment)) == 3
