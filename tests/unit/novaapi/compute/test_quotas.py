"""``quotas``: enforce's messages and scopes, the counters, and ``enforce`` under contention.

The race: 100 concurrent count-then-insert transactions, quota 10. Each
thread opens its own ``engine.transaction()``, calls ``enforce`` (which
counts a scratch table through the counter the test puts in
``quotas.COUNTERS``) and inserts a row.  Exactly 10 must succeed on every
backend.  PostgreSQL and MariaDB run in a scratch database of their own; they
are skipped when unreachable, except under ``CI=true``, where that fails.
"""

import threading
import uuid

import pytest
import sqlalchemy as sa

from novaapi.compute import models
from novaapi.compute import quotas
from novaapi import conf
from novaapi.db import base
from novaapi.db import engine
from novaapi import exception
from tests.conftest import unavailable

THREADS = 100
LIMIT = 10

SERVERS = {
    'postgresql': 'postgresql+psycopg2://postgres@127.0.0.1/test',
    'mariadb': 'mysql+pymysql://root@127.0.0.1/test',
}

_scratch_metadata = sa.MetaData()
ITEMS = sa.Table('quota_race_items', _scratch_metadata,
                 sa.Column('id', sa.Integer, primary_key=True, autoincrement=True),
                 sa.Column('project_id', sa.String(64), nullable=False))

_QUOTA_TABLES = [models.QuotaLock.__table__, models.Quota.__table__,
                 models.ProjectUserQuota.__table__, models.QuotaClass.__table__]


@pytest.fixture
def scratch_database(request, tmp_path):
    """URL of an empty database on the requested backend, dropped afterwards."""
    backend = request.param
    if backend == 'sqlite':
        yield 'sqlite:///%s' % (tmp_path / 'race.sqlite')
        return
    server = SERVERS[backend]
    name = 'quota_race_%s' % uuid.uuid4().hex[:12]
    try:
        admin = sa.create_engine(server, isolation_level='AUTOCOMMIT')
        with admin.connect() as conn:
            conn.exec_driver_sql('CREATE DATABASE %s' % name)
    except Exception as exc:  # noqa: BLE001 - any connection failure means unreachable
        unavailable('%s unreachable: %s' % (backend, exc))
    try:
        yield sa.engine.make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        engine.reset()
        with admin.connect() as conn:
            conn.exec_driver_sql('DROP DATABASE IF EXISTS %s' % name)
        admin.dispose()


@pytest.fixture
def race_engine(scratch_database, monkeypatch):
    """The project's engine (``engine.transaction()``) pointed at the scratch database."""
    conf.CONF.reset()
    conf.CONF.set('database', 'connection', scratch_database)
    engine.reset()
    _scratch_metadata.create_all(engine.get_engine())
    base.Base.metadata.create_all(engine.get_engine(), tables=_QUOTA_TABLES)
    # The servers' own instance counter comes back when the test ends.
    monkeypatch.setitem(quotas.COUNTERS, 'instances', _count_items)
    try:
        yield engine.get_engine()
    finally:
        engine.get_engine().dispose()
        engine.reset()
        conf.CONF.reset()


def _count_items(sess, project_id, user_id):
    return sess.scalar(sa.select(sa.func.count()).select_from(ITEMS).where(
        ITEMS.c.project_id == project_id))


def _race(project_id, read_first):
    """Run the threads; returns ``(successes, over-quota refusals, other errors)``."""
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def attempt():
        barrier.wait()
        try:
            with engine.transaction() as sess:
                if read_first:
                    _count_items(sess, project_id, None)
                quotas.enforce(sess, project_id, None, {'instances': 1})
                sess.execute(ITEMS.insert().values(project_id=project_id))
            outcomes.append('ok')
        except exception.OverQuota as exc:
            outcomes.append(exc.message)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcomes.append('error: %r' % exc)

    threads = [threading.Thread(target=attempt) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    refused = [o for o in outcomes if o.startswith('Quota exceeded')]
    errors = [o for o in outcomes if o.startswith('error')]
    return outcomes.count('ok'), refused, errors


BACKENDS = ['sqlite', 'postgresql', 'mariadb']


@pytest.mark.db
@pytest.mark.parametrize('scratch_database', BACKENDS, indirect=True)
@pytest.mark.parametrize('read_first', [False, True], ids=['enforce-first', 'read-first'])
def test_exactly_the_quota_succeeds(race_engine, read_first):
    project_id = uuid.uuid4().hex
    with engine.transaction() as sess:
        quotas.set_limit(sess, project_id, 'instances', LIMIT)
    if race_engine.dialect.name in ('mysql', 'mariadb'):
        with race_engine.connect() as conn:
            assert conn.get_isolation_level() == 'READ COMMITTED'
    ok, refused, errors = _race(project_id, read_first)
    assert errors == []
    assert (ok, len(refused)) == (LIMIT, THREADS - LIMIT)
    assert set(refused) == {'Quota exceeded for instances: Requested 1, but already used '
                            '10 of 10 instances'}
    with engine.transaction() as sess:
        assert _count_items(sess, project_id, None) == LIMIT


def test_enforce_messages_and_scopes(deployment, fake_instances):
    with engine.transaction() as sess:
        quotas.set_limit(sess, 'p', 'cores', 4)
        fake_instances['p'] = 2
        quotas.enforce(sess, 'p', 'u', {'instances': 1})
        with pytest.raises(exception.OverQuota) as err:
            quotas.enforce(sess, 'p', 'u', {'instances': 1, 'cores': 2, 'ram': 512})
        assert err.value.message == ('Quota exceeded for cores: Requested 2, but already used 4 '
                                     'of 4 cores')
        assert err.value.code == 403 and err.value.resources == ['cores']
        quotas.set_limit(sess, 'p', 'instances', 2)
        with pytest.raises(exception.OverQuota) as err:
            quotas.enforce(sess, 'p', 'u', {'instances': 1, 'cores': 2})
        assert err.value.message == ('Quota exceeded for cores, instances: Requested 2, 1, but '
                                     'already used 4, 2 of 4, 2 cores, instances')
        assert err.value.usages == {'instances': 2, 'cores': 4}
        assert err.value.quotas == {'instances': 2, 'cores': 4}
        # A user override is checked against the user's own usage.
        quotas.set_limit(sess, 'p', 'instances', -1)
        quotas.set_limit(sess, 'p', 'instances', 1, user_id='u')
        fake_instances['u'] = 1
        with pytest.raises(exception.OverQuota) as err:
            quotas.enforce(sess, 'p', 'u', {'instances': 1})
        assert err.value.message == ('Quota exceeded for instances: Requested 1, but already used '
                                     '1 of 1 instances')
        quotas.enforce(sess, 'p', 'other-user', {'instances': 5})
        assert quotas.limits(sess, 'p', 'u')['instances'] == 1
        assert quotas.limits(sess, 'p')['instances'] == -1
        assert quotas.usage(sess, 'p')['cores'] == 4


def test_counters_count_known_resources_only():
    assert set(quotas.COUNTERS) <= set(quotas.RESOURCES)
