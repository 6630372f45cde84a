"""The database layer on SQLite, PostgreSQL and MariaDB: migrations, seed data, queries, sub-resources."""

import os
import time

import pytest
import sqlalchemy as sa
from paste import deploy

from novaapi import conf
from novaapi import context
from novaapi import models as _all_models  # noqa: F401 - every table, for the schema check
from novaapi.db import base
from novaapi.db import engine
from novaapi.db import generations
from novaapi.db import prepared
from novaapi.compute import flavors
from novaapi.compute import models
from novaapi.db import migration
from novaapi.db import utils as db_utils
from novaapi.identity import api as identity_api
from novaapi.identity import tokens
from novaapi import exception
from tests.conftest import AppClient
from tests.conftest import _token
from tests.conftest import deployment_on
from tests.unit.novaapi.conftest import SubServers



@pytest.fixture(params=['sqlite', 'postgresql', 'pg8000', 'mariadb'])
def backend(request, tmp_path):
    """A migrated, seeded deployment on each database, PostgreSQL through both its drivers
    (psycopg2, the default, and pure-Python pg8000)."""
    yield from deployment_on(request.param, tmp_path)


ADMIN = context.RequestContext('admin-user', 'admin-project', ['admin', 'member', 'reader'])
DEMO = context.RequestContext('demo-user', 'demo-project', ['member', 'reader'])


def test_migrations_reach_every_head(backend):
    assert migration.current() == migration.heads()
    migration.upgrade()  # idempotent
    assert migration.current() == migration.heads()
    inspector = sa.inspect(engine.get_engine())
    assert {'flavors', 'flavor_extra_specs', 'flavor_projects', 'identity_users',
            'identity_tokens'} <= set(inspector.get_table_names())


def test_schema_matches_models(backend):
    """No model change without a migration: the migrated schema has every model column."""
    inspector = sa.inspect(engine.get_engine())
    for table in base.Base.metadata.sorted_tables:
        columns = {c['name'] for c in inspector.get_columns(table.name)}
        assert {c.name for c in table.columns} <= columns, table.name


def test_seed_is_idempotent(backend):
    from novaapi import service
    service.seed()
    with engine.transaction() as sess:
        assert sess.scalar(sa.select(sa.func.count()).select_from(models.Flavor)) == 5


def test_flavor_queries(backend):
    with engine.transaction() as sess:
        flavors.create(sess, {'flavorid': 'p1', 'name': 'private', 'memory_mb': 64, 'vcpus': 1,
                              'root_gb': 0, 'is_public': False})
    with engine.transaction() as sess:
        assert [f.flavorid for f in flavors.get_all(sess, DEMO)] == ['1', '2', '3', '4', '5']
        assert [f.flavorid for f in flavors.get_all(sess, ADMIN, is_public=None)] == \
            ['1', '2', '3', '4', '5', 'p1']
        page = flavors.get_all(sess, DEMO, sort_key='memory_mb', sort_dir='desc', limit=2, marker='4')
        assert [f.flavorid for f in page] == ['3', '2']
        with pytest.raises(exception.FlavorNotFound):
            flavors.get(sess, DEMO, 'p1')
        flavors.add_access(sess, flavors.get(sess, ADMIN, 'p1'), 'demo-project')
    with engine.transaction() as sess:
        assert flavors.get(sess, DEMO, 'p1').name == 'private'
        flavors.set_extra_specs(sess, flavors.get(sess, ADMIN, '1'), {'a': '1', 'b': '2'})
    with engine.transaction() as sess:
        assert flavors.get(sess, DEMO, '1').extra_specs_dict == {'a': '1', 'b': '2'}


def test_quota_limits_of_three_levels_read_in_one_statement(backend):
    from novaapi.compute import quotas
    with engine.transaction() as sess:
        quotas.set_class_limit(sess, 'default', 'cores', 30)
        quotas.set_limit(sess, 'p1', 'ram', 4096)
        quotas.set_limit(sess, 'p1', 'instances', 7, user_id='u1')
        quotas.set_limit(sess, 'p2', 'instances', 3, user_id='u1')

    def read():
        with engine.transaction() as sess:
            return (quotas.limits(sess, 'p1', 'u1'), quotas.limits(sess, 'p1', 'u2'),
                    quotas.limits(sess, 'p1', 'u1'))
    (mine, others, again), seen = _statements_during(read)
    assert (mine['cores'], mine['ram'], mine['instances']) == (30, 4096, 7)
    assert (others['cores'], others['ram'], others['instances']) == (30, 4096, 10)
    assert again == mine
    assert len(seen) == 2


def test_boot_keeps_flavors_and_images_until_one_is_written(backend):
    """What a boot reads of a flavor and an image costs no statement once a process holds
    it, beyond one read of the generations a transaction; a write in any transaction,
    the reader's own included, is seen at once; visibility is still checked per caller."""
    from novaapi.image import api as image_api
    from novaapi.image import models as image_models
    image_id = '6b1d2e8c-0000-4000-8000-000000000001'
    with engine.transaction() as sess:
        flavors.create(sess, {'flavorid': 'p1', 'name': 'private', 'memory_mb': 64, 'vcpus': 1,
                              'root_gb': 0, 'is_public': False})
        sess.add(image_models.Image(id=image_id, name='shared', status='active', visibility='shared',
                                    owner='other-project', min_disk=0, min_ram=0,
                                    properties=[image_models.ImageProperty(name='os_distro',
                                                                           value='cirros')]))
    with engine.transaction() as sess:
        with pytest.raises(exception.FlavorNotFound):
            flavors.facts(sess, DEMO, 'p1')
        assert flavors.facts(sess, ADMIN, 'p1').memory_mb == 64
        with pytest.raises(exception.ImageNotFound):
            image_api.server_image(sess, DEMO, image_id)
        assert image_api.server_image(sess, ADMIN, image_id).properties_dict == {'os_distro': 'cirros'}

    def read_again():
        with engine.transaction() as sess:
            return (flavors.facts(sess, ADMIN, 'p1').extra_specs_dict,
                    image_api.server_image(sess, ADMIN, image_id).status)
    (specs, status), seen = _statements_during(read_again)
    assert (specs, status) == ({}, 'active')
    assert len(seen) == 1
    with engine.transaction() as sess:
        flavors.add_access(sess, flavors.get(sess, ADMIN, 'p1'), 'demo-project')
        flavors.set_extra_specs(sess, flavors.get(sess, ADMIN, 'p1'), {'hw:cpu_policy': 'shared'})
        assert flavors.facts(sess, DEMO, 'p1').extra_specs_dict == {'hw:cpu_policy': 'shared'}
        sess.add(image_models.ImageMember(image_id=image_id, member='demo-project', status='accepted'))
    with engine.transaction() as sess:
        assert flavors.facts(sess, DEMO, 'p1').name == 'private'
        assert image_api.server_image(sess, DEMO, image_id).name == 'shared'
        sess.execute(sa.update(image_models.Image).where(image_models.Image.id == image_id)
                     .values(status='deactivated'))
    with engine.transaction() as sess:
        assert image_api.server_image(sess, DEMO, image_id).status == 'deactivated'


def test_a_claim_on_a_taken_key_writes_nothing_and_keeps_the_transaction(backend):
    from novaapi.network import claims
    with engine.transaction() as sess:
        assert claims.insert_values(sess, generations.TABLE, {'name': 'claimed', 'value': 1})
        assert not claims.insert_values(sess, generations.TABLE, {'name': 'claimed', 'value': 2})
        assert claims.insert_values(sess, generations.TABLE, {'name': 'other', 'value': 3})
    with engine.transaction() as sess:
        rows = sess.execute(sa.select(generations.TABLE.c.name, generations.TABLE.c.value)
                            .where(generations.TABLE.c.name.in_(['claimed', 'other']))
                            .order_by(generations.TABLE.c.name)).all()
    assert [tuple(r) for r in rows] == [('claimed', 1), ('other', 3)]


def test_database_connections_send_without_delay(backend):
    """Nagle's algorithm off on TCP connections to the database (PyMySQL and libpq do it
    themselves; for pg8000 the engine does): with it, a statement of many parameters waited ~40 ms."""
    if backend == 'sqlite':
        return
    import socket
    with engine.get_engine().connect() as conn:
        raw = conn.connection.driver_connection
        if backend == 'postgresql':
            sock = socket.socket(fileno=os.dup(raw.fileno()))  # libpq's own socket, borrowed
            try:
                assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
            finally:
                sock.close()
            return
        sock = raw._usock if backend == 'pg8000' else raw._sock
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def test_planner_statistics_follow_the_tables_on_postgresql(backend):
    """Tables never analyzed, or grown past autovacuum's thresholds, are analyzed once;
    the other databases keep their own statistics."""
    if backend not in ('postgresql', 'pg8000'):
        with engine.transaction() as sess:
            assert db_utils.refresh_statistics(sess, ['flavors', 'instances']) == []
        return
    with engine.transaction() as sess:
        assert db_utils.refresh_statistics(sess, ['flavors', 'instances']) == ['flavors', 'instances']
    with engine.transaction() as sess:
        assert db_utils.refresh_statistics(sess, ['flavors', 'instances']) == []
        for index in range(80):
            flavors.create(sess, {'flavorid': 'g%d' % index, 'name': 'grown-%d' % index,
                                  'memory_mb': 64, 'vcpus': 1, 'root_gb': 0})
    deadline = time.monotonic() + 10   # the statistics collector reports the new rows soon after
    while True:
        with engine.transaction() as sess:
            analyzed = db_utils.refresh_statistics(sess, ['flavors', 'instances'])
        if analyzed or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert analyzed == ['flavors']
    with engine.transaction() as sess:
        assert sess.scalar(sa.text("SELECT reltuples FROM pg_class WHERE relname = 'flavors'")) == 85


@pytest.mark.parametrize('value', [2 ** 31, -2 ** 31 - 1, 2 ** 63, 2 ** 80, -2 ** 80])
def test_integers_beyond_a_columns_range_compare_as_its_bound(backend, value):
    """Ids and filters from a URL reach 32-bit columns (PostgreSQL casts every bind to the
    column's type): no error, and the comparison answers as with the exact value."""
    memory = models.Flavor.memory_mb
    with engine.transaction() as sess:
        assert sess.get(models.Aggregate, value) is None
        assert sess.scalars(sa.select(models.Flavor).where(models.Flavor.id == value)).all() == []
        bigger = sess.scalars(sa.select(models.Flavor.flavorid).where(memory >= value)).all()
        assert bigger == ([] if value > 0 else ['1', '2', '3', '4', '5'])
        in_list = sa.select(models.Flavor.flavorid).where(models.Flavor.id.in_([value, 1]))
        assert len(sess.scalars(in_list).all()) <= 1
        assert sess.scalars(sa.select(models.Flavor).limit(2 ** 40 if value > 0 else 5)).all()


def test_failed_request_writes_nothing(backend):
    with pytest.raises(exception.FlavorExists):
        with engine.transaction() as sess:
            flavors.create(sess, {'flavorid': 'n1', 'name': 'new', 'memory_mb': 1, 'vcpus': 1})
            flavors.create(sess, {'flavorid': 'n2', 'name': 'new', 'memory_mb': 1, 'vcpus': 1})
    with engine.transaction() as sess:
        assert sess.scalars(sa.select(models.Flavor).where(models.Flavor.name == 'new')).first() is None


def test_tokens_roundtrip_and_revoke(backend):
    from novaapi.identity import models as im
    with engine.transaction() as sess:
        user = sess.scalars(sa.select(im.User).where(im.User.name == 'demo')).one()
        project = sess.scalars(sa.select(im.Project).where(im.Project.name == 'demo')).one()
        token, _info = tokens.issue(sess, user.id, project.id, ['password'])
    info = tokens.validate(token)
    assert info.user_name == 'demo' and set(info.roles) == {'member', 'reader'}
    with engine.transaction() as sess:
        stored = sess.scalars(sa.select(im.Token)).all()
        assert all(token not in str(vars(row)) for row in stored)
        tokens.revoke(sess, token)
    assert tokens.validate(token) is None


def _statements_during(call):
    seen = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if not statement.startswith('PREPARE '):   # once per connection, not per request
            seen.append(statement)
    for target in (engine.get_engine(), engine._autocommit_engine()):
        sa.event.listen(target, 'before_cursor_execute', count)
    try:
        return call(), seen
    finally:
        for target in (engine.get_engine(), engine._autocommit_engine()):
            sa.event.remove(target, 'before_cursor_execute', count)


def test_cached_tokens_are_refused_as_soon_as_identity_changes(backend):
    """A valid token costs one read of the identity generation; every kind of identity write
    (revocation, a user disabled, a role assignment removed) bumps it in its own transaction,
    once, and a rolled-back write does not."""
    from novaapi.identity import models as im
    with engine.transaction() as sess:
        user = sess.scalars(sa.select(im.User).where(im.User.name == 'demo')).one()
        project = sess.scalars(sa.select(im.Project).where(im.Project.name == 'demo')).one()
        issued = [tokens.issue(sess, user.id, project.id, ['password'])[0] for _ in range(3)]

    def generation():
        return generations.current(engine.reader, im.GENERATION)
    start = generation()
    assert tokens.validate(issued[0]).user_name == 'demo'      # loaded, then cached
    info, seen = _statements_during(lambda: tokens.validate(issued[0]))
    assert info.user_name == 'demo' and len(seen) == 1
    assert 'generations' in seen[0] or seen[0].startswith('EXECUTE ')
    assert generation() == start                                 # issuing wrote nothing watched

    with engine.transaction() as sess:
        tokens.revoke(sess, issued[0])
    assert generation() != start
    assert tokens.validate(issued[0]) is None
    assert tokens.validate(issued[1]).user_name == 'demo'        # cached again, new generation

    before = generation()
    with pytest.raises(RuntimeError):
        with engine.transaction() as sess:
            sess.execute(sa.update(im.User).where(im.User.id == user.id).values(enabled=False))
            raise RuntimeError('rolled back')
    assert generation() == before and tokens.validate(issued[1]) is not None

    with engine.transaction() as sess:
        sess.execute(sa.update(im.User).where(im.User.id == user.id).values(enabled=False))
        sess.execute(sa.update(im.User).where(im.User.id == user.id).values(enabled=True))
    assert generation() == (before[0], before[1] + 1)            # once per transaction
    assert tokens.validate(issued[1]) is not None
    with engine.transaction() as sess:
        sess.execute(sa.delete(im.RoleAssignment).where(im.RoleAssignment.actor_id == user.id,
                                                        im.RoleAssignment.target_id == project.id))
    assert tokens.validate(issued[1]) is None and tokens.validate(issued[2]) is None


def test_a_generation_is_bumped_as_its_writer_commits_not_before(backend):
    """The counter's row is written with the commit: a writer still in its transaction does
    not hold it, so another writer of the same tables commits meanwhile; each commit bumps
    the counter once, and what a writer's transaction reads of it is the old value."""
    inst = models.Instance

    def servers_generation():
        return generations.current(engine.reader, models.GENERATION)

    def rename(sess, name):
        sess.execute(sa.update(inst).values(display_name=name))
    start = servers_generation()
    with engine.transaction() as slow:
        rename(slow, 'slow')
        if backend == 'sqlite':       # one writer at a time: nothing to overtake
            assert servers_generation() == start
        else:
            with engine.transaction() as fast:
                # fail, rather than hang, if the counter's row were held by the open writer
                fast.execute(sa.text("SET LOCAL lock_timeout = '3s'" if backend != 'mariadb'
                                     else 'SET SESSION innodb_lock_wait_timeout = 3'))
                fast.execute(sa.update(models.ComputeNode).values(disabled=False))
            assert servers_generation() == (start[0], start[1] + 1)
    bumps = 1 if backend == 'sqlite' else 2
    assert servers_generation() == (start[0], start[1] + bumps)
    with pytest.raises(RuntimeError):
        with engine.transaction() as sess:
            rename(sess, 'rolled back')
            raise RuntimeError('rolled back')
    assert servers_generation() == (start[0], start[1] + bumps)


def test_a_kept_read_is_served_only_at_the_generation_it_was_loaded_after(backend):
    """``ReadCache``: one generation read per request (the memo), values loaded after it kept
    with it; a value loaded while a write committed is not handed out at the new generation;
    keys the loader leaves out are not kept."""
    kept = generations.ReadCache(models.GENERATION)
    loads = []

    def load(missing):
        loads.append(list(missing))
        return {key: 'v-%s-%d' % (key, len(loads)) for key in missing if key != 'absent'}
    with engine.reader() as conn:
        memo = {}
        assert kept.read(conn, ['a', 'b'], load, memo) == {'a': 'v-a-1', 'b': 'v-b-1'}
        assert kept.read(conn, ['a', 'b', 'absent'], load, memo) == {'a': 'v-a-1', 'b': 'v-b-1'}
        assert loads == [['a', 'b'], ['absent']]
        assert kept.read(conn, ['absent'], load, {}) == {} and loads[-1] == ['absent']
        # a write commits after this request read the generation, before it loads 'c'
        racing = {}
        kept.read(conn, ['a'], load, racing)
        with engine.transaction() as sess:
            sess.execute(sa.update(models.Instance).values(display_name='moved'))
        assert kept.read(conn, ['c'], load, racing) == {'c': 'v-c-4'}
        later = {}
        assert kept.read(conn, ['a', 'c'], load, later) == {'a': 'v-a-5', 'c': 'v-c-5'}
        assert kept.read(conn, ['a', 'c'], load, {}) == {'a': 'v-a-5', 'c': 'v-c-5'}
    assert len(loads) == 5


def test_prepared_queries_answer_as_sqlalchemy_does(backend):
    """A prepared query returns the values SQLAlchemy's own execution returns (dates, booleans,
    JSON, floats, literals), for lists of any length, inside the caller's transaction."""
    import datetime
    inst = models.Instance
    page = sa.bindparam('ids', expanding=True)
    statement = (sa.select(inst.uuid, inst.display_name, inst.created_at, inst.locked,
                           inst.scheduler_hints, inst.memory_mb, sa.literal('x').label('tag'))
                 .where(inst.uuid.in_(page), inst.memory_mb >= sa.bindparam('ram'))
                 .order_by(inst.uuid))
    query = prepared.Query(statement)
    with engine.transaction() as sess:
        sess.execute(sa.insert(inst), [
            {'uuid': 'u%d' % i, 'display_name': 'p%d' % i, 'project_id': 'p', 'user_id': 'u',
             'flavorid': '1', 'vcpus': 1, 'memory_mb': 64 * i, 'root_gb': 1, 'vm_state': 'active',
             'power_state': 1, 'deleted': 0, 'launch_index': 0, 'locked': i % 2 == 0,
             'scheduler_hints': {'group': ['g%d' % i]} if i % 2 else None,
             'created_at': datetime.datetime(2026, 1, 2, 3, 4, 5 + i)} for i in range(1, 5)])
        sent = []
        sa.event.listen(engine.get_engine(), 'before_cursor_execute',
                        lambda conn, cursor, statement, *rest: sent.append(statement))
        for ids in (['u1'], ['u1', 'u2', 'u4'], ['nosuch'], ['u4', 'u3', 'u2', 'u1']) * 2:
            expected = [tuple(row) for row in sess.execute(statement, {'ids': ids, 'ram': 0})]
            got = query.rows(sess, ids=ids, ram=0)
            assert [tuple(row) for row in got] == expected
            assert [row.uuid for row in got] == sorted(i for i in ids if i != 'nosuch')
        # PostgreSQL (psycopg2) prepares it on the server once per connection and list length
        prepares = [text for text in sent if text.startswith('PREPARE ')]
        assert len(prepares) == (3 if backend == 'postgresql' else 0)
        first = query.rows(sess, ids=['u1'], ram=0)[0]
        assert first.scheduler_hints == {'group': ['g1']} and first.locked is False
        assert first.created_at == datetime.datetime(2026, 1, 2, 3, 4, 6) and first.tag == 'x'
        assert query.scalar(sess, ids=['u1'], ram=10 ** 6) is None


def test_a_transaction_can_finish_without_yielding(backend):
    """Once its lock is held, a boot sends its last statements and its commit without letting
    the worker's other green threads run (psycopg2's wait callback off), and the callback is
    back when the transaction ends, committed or rolled back; other drivers are untouched."""
    if backend != 'postgresql':
        with engine.transaction() as sess:
            engine.finish_without_yielding(sess)
            assert sess.scalar(sa.text('SELECT 1')) == 1
        return
    from psycopg2 import extensions
    waits = []

    def callback(conn):      # what eventlet installs: wait until libpq is done
        waits.append(conn)
        while conn.poll() != extensions.POLL_OK:
            pass
    extensions.set_wait_callback(callback)
    try:
        for failing in (False, True):
            try:
                with engine.transaction() as sess:
                    sess.execute(sa.text('SELECT 1'))
                    assert waits and extensions.get_wait_callback() is callback
                    engine.finish_without_yielding(sess)
                    del waits[:]
                    assert sess.scalar(sa.text('SELECT 2')) == 2
                    assert extensions.get_wait_callback() is None and not waits
                    if failing:
                        raise RuntimeError('rolled back')
            except RuntimeError:
                assert failing
            assert extensions.get_wait_callback() is callback
    finally:
        extensions.set_wait_callback(None)


def test_a_read_outside_a_transaction_waits_without_yielding(backend):
    """``engine.reader`` waits for PostgreSQL in place of yielding (psycopg2's wait callback
    off while the connection is held); the callback comes back once the last holder ends,
    in whatever order a reader and a transaction finishing without yielding end."""
    if backend != 'postgresql':
        with engine.reader() as conn:
            assert conn.scalar(sa.text('SELECT 1')) == 1
        return
    from psycopg2 import extensions
    waits = []

    def callback(conn):
        waits.append(conn)
        while conn.poll() != extensions.POLL_OK:
            pass
    extensions.set_wait_callback(callback)
    try:
        with engine.reader() as conn:
            del waits[:]        # opening a new connection may wait: that is before the read
            assert conn.scalar(sa.text('SELECT 1')) == 1
            assert extensions.get_wait_callback() is None and not waits
        assert extensions.get_wait_callback() is callback
        reading = engine.reader()
        with engine.transaction() as sess:
            sess.execute(sa.text('SELECT 1'))
            assert waits
            engine.finish_without_yielding(sess)
            conn = reading.__enter__()
        # the transaction ended first: the reader still holds the callback off
        del waits[:]
        assert conn.scalar(sa.text('SELECT 2')) == 2
        assert extensions.get_wait_callback() is None and not waits
        reading.__exit__(None, None, None)
        assert extensions.get_wait_callback() is callback
        with engine.transaction() as sess:
            assert sess.scalar(sa.text('SELECT 3')) == 3
        assert waits
    finally:
        extensions.set_wait_callback(None)


def test_reads_in_a_row_share_one_connection_and_a_broken_one_is_not_kept(backend):
    """A reader's connection is kept for the next read (no pool checkout per read), but not
    after a database error, and two readers open at once get two connections."""
    checkouts = []
    with engine.reader() as conn:
        first = conn.connection.dbapi_connection
    sa.event.listen(engine._autocommit_engine(), 'checkout', lambda *a: checkouts.append(a))
    for n in range(5):
        with engine.reader() as conn:
            assert conn.scalar(sa.text('SELECT %d' % n)) == n
            assert conn.connection.dbapi_connection is first
    assert checkouts == []
    with engine.reader() as outer, engine.reader() as inner:
        assert inner.connection.dbapi_connection is not outer.connection.dbapi_connection
    assert len(checkouts) == 1
    with pytest.raises(exception.InstanceNotFound):  # an answer, not a broken connection
        with engine.reader() as conn:
            raise exception.InstanceNotFound(instance_id='x')
    with engine.reader() as conn:
        assert conn.connection.dbapi_connection is first
    with pytest.raises(sa.exc.DBAPIError):
        with engine.reader() as conn:
            conn.execute(sa.text('SELECT * FROM no_such_table'))
    with engine.reader() as conn:
        kept = conn.connection.dbapi_connection
        assert kept is not first
        assert conn.scalar(sa.text('SELECT 7')) == 7
    old = engine._autocommit_engine()
    engine.reset()  # e.g. in a new worker: nothing kept from the old engine is used
    with engine.reader() as conn:
        assert conn.engine is not old and conn.connection.dbapi_connection is not kept
        assert conn.scalar(sa.text('SELECT 8')) == 8


@pytest.mark.parametrize('sort_key', ['description', 'memory_mb', 'flavorid'])
@pytest.mark.parametrize('sort_dir', ['asc', 'desc'])
def test_paging_one_row_at_a_time_visits_every_row_once(backend, sort_key, sort_dir):
    with engine.transaction() as sess:
        for i, description in enumerate([None, 'b', 'a', None, 'b']):
            flavors.create(sess, {'flavorid': 'x%d' % i, 'name': 'x%d' % i, 'memory_mb': 64 * (i % 2 + 1),
                                  'vcpus': 1, 'description': description})
    with engine.transaction() as sess:
        everything = [f.flavorid for f in flavors.get_all(sess, ADMIN, is_public=None, sort_key=sort_key,
                                                          sort_dir=sort_dir)]
        seen, marker = [], None
        while True:
            page = flavors.get_all(sess, ADMIN, is_public=None, sort_key=sort_key, sort_dir=sort_dir,
                                   limit=1, marker=marker)
            if not page:
                break
            seen.append(page[0].flavorid)
            marker = page[0].flavorid
    assert seen == everything and len(seen) == 10


@pytest.mark.parametrize('sort_key', ['display_description', 'memory_mb', 'created_at'])
@pytest.mark.parametrize('sort_dir', ['asc', 'desc'])
def test_server_pages_one_row_at_a_time_visit_every_row_once(backend, sort_key, sort_dir):
    """Server pages, prepared (text filters) and built per request (a list filter), give the
    same rows in the same order, and paging one row at a time visits each once, NULLs and
    ties included."""
    import datetime
    from novaapi.compute import instances
    stamp = datetime.datetime(2026, 1, 2, 3, 4, 5)
    with engine.transaction() as sess:
        sess.execute(sa.insert(models.Instance), [
            {'uuid': 'u%d' % i, 'project_id': 'q' if i == 6 else 'p', 'user_id': 'u',
             'display_description': description, 'memory_mb': 64 * (i % 3), 'vcpus': 1,
             'root_gb': 1, 'vm_state': 'active', 'power_state': 1, 'deleted': 0,
             'created_at': stamp + datetime.timedelta(seconds=i % 2)}
            for i, description in enumerate([None, 'b', 'a', None, 'b', 'c', 'z'])])
    orders = []
    for filters in ({'deleted': False, 'project_id': 'p'}, {'deleted': False, 'project_id': ['p']}):
        assert (instances._prepared_page(filters, [sort_key, 'id'], [sort_dir] * 2, 1, None)
                is None) == isinstance(filters['project_id'], list)
        with engine.reader() as conn:
            everything = [r.uuid for r in instances.get_all(conn, filters, [sort_key], [sort_dir])]
            seen, marker = [], None
            while True:
                page = instances.get_all(conn, filters, [sort_key], [sort_dir], limit=1, marker=marker)
                if not page:
                    break
                seen.append(page[0].uuid)
                marker = page[0].uuid
        assert seen == everything and sorted(seen) == ['u%d' % i for i in range(6)]
        orders.append(everything)
    assert orders[0] == orders[1]


# The server sub-resources on each backend.

def test_sub_resources_on_each_backend(backend):
    conf.CONF.set('compute', 'build_time', 0.0)
    conf.CONF.set('compute', 'action_time', 0.0)
    app = AppClient(deploy.loadapp('config:' + conf.CONF.paste_config, name='osapi_compute'))
    servers = SubServers(app, _token('demo', 'demo'), _token('admin', 'admin'))
    server_id = servers.boot(metadata={'a': '1'})
    merged = servers.sub('POST', server_id, 'metadata', {'metadata': {'a': '2', 'b': '3'}})
    assert merged.json_body_or_none == {'metadata': {'a': '2', 'b': '3'}}
    assert servers.sub('PUT', server_id, 'metadata', {'metadata': {'c': '4'}}).status_int == 200
    assert servers.sub('PUT', server_id, 'tags', {'tags': ['x', 'y']}).status_int == 200
    assert servers.sub('PUT', server_id, 'tags/z').status_int == 201
    assert servers.sub('DELETE', server_id, 'tags/x').status_int == 204
    assert servers.sub('GET', server_id, 'tags').json_body_or_none == {'tags': ['y', 'z']}
    group = servers.call('POST', '/os-server-groups', {'server_group': {
        'name': 'g', 'policy': 'anti-affinity'}}, version='2.64').json_body_or_none['server_group']
    body = {'server': {'name': 'grouped', 'imageRef': servers.image_id(), 'flavorRef': '1',
                       'networks': 'none', 'metadata': {'k2': 'v', 'k1': 'w'}, 'tags': ['b', 'a']},
            'os:scheduler_hints': {'group': group['id']}}
    grouped = servers.call('POST', '/servers', body).json_body_or_none['server']['id']
    servers.settle()
    listed = servers.call('GET', '/servers/detail', version='2.71').json_body_or_none['servers']
    shown = {s['id']: s for s in listed}
    assert (shown[server_id]['metadata'], shown[server_id]['tags']) == ({'c': '4'}, ['y', 'z'])
    assert shown[grouped]['metadata'] == {'k2': 'v', 'k1': 'w'}
    assert shown[grouped]['tags'] == ['a', 'b']
    one = servers.call('GET', '/servers/' + grouped, version='2.71').json_body_or_none['server']
    assert (one['tags'], one['server_groups']) == (['a', 'b'], [group['id']])
    attached = servers.sub('POST', server_id, 'os-interface', {'interfaceAttachment': {}})
    assert attached.status_int == 200
    volume_id = servers.volume()
    attach = {'volumeAttachment': {'volumeId': volume_id}}
    assert servers.sub('POST', server_id, 'os-volume_attachments', attach).status_int == 200
    shown = servers.get(server_id, version='2.16', admin=True)
    assert shown['os-extended-volumes:volumes_attached'] == [
        {'id': volume_id, 'delete_on_termination': False}]
    assert shown['host_status'] == 'UP'
    assert servers.sub('DELETE', server_id, 'os-volume_attachments/' + volume_id).status_int == 202
    listed = servers.sub('GET', server_id, 'os-instance-actions?limit=2', version='2.84')
    assert [a['action'] for a in listed.json_body_or_none['instanceActions']] == [
        'detach_volume', 'attach_volume']
    marker = listed.json_body_or_none['instanceActions'][-1]['request_id']
    rest = servers.sub('GET', server_id, 'os-instance-actions?marker=' + marker, version='2.84')
    assert [a['action'] for a in rest.json_body_or_none['instanceActions']] == [
        'attach_interface', 'create']
    servers.action(server_id, {'os-migrateLive': {'host': None, 'block_migration': 'auto'}},
                   version='2.30', admin=True)
    page = servers.call('GET', '/os-migrations?limit=1', version='2.80', admin=True)
    assert page.json_body_or_none['migrations'][0]['migration_type'] == 'live-migration'
    assert servers.sub('GET', server_id, 'migrations', version='2.80',
                       admin=True).json_body_or_none['migrations'][0]['status'] == 'queued'


# Image sharing and Glance's list query on each backend.

def test_image_members_and_list_query_on_each_backend(backend):
    app = AppClient(deploy.loadapp('config:' + conf.CONF.paste_config, name='image'), '127.0.0.1:9292')
    admin, demo = _token('admin', 'admin'), _token('demo', 'demo')

    def call(method, path, token, body=None):
        resp = app.request(method, path, token, body=body)
        return resp.status_int, (resp.json if resp.body and resp.content_type == 'application/json'
                                 else None)

    _status, body = call('POST', '/v2/images', admin, {'name': 'shared,1', 'disk_format': 'raw',
                                                       'container_format': 'bare'})
    image_id = body['id']
    with engine.transaction() as sess:
        demo_project = identity_api.project_ids_by_name(sess, ['demo'])['demo']
    assert call('POST', '/v2/images/%s/members' % image_id, admin, {'member': demo_project})[0] == 200

    def names(query):
        return [i['name'] for i in call('GET', '/v2/images' + query, demo)[1]['images']]

    assert 'shared,1' not in names('')
    assert names('?member_status=pending&name=in:"shared,1",cirros&sort=name:asc') == [
        'cirros', 'shared,1']
    assert names('?member_status=all&visibility=shared&created_at=gte:2000-01-01T00:00:00Z'
                 '&size_max=0&protected=false') == []
    assert call('PUT', '/v2/images/%s/members/%s' % (image_id, demo_project), demo,
                {'status': 'accepted'})[0] == 200
    assert names('?visibility=shared&updated_at=neq:2000-01-01T00:00:00Z&sort_key=name'
                 '&sort_key=status&sort_dir=asc') == ['shared,1']
    assert call('DELETE', '/v2/images/%s' % image_id, admin)[0] == 204
    assert names('?member_status=all&visibility=shared') == []


# A connection the database server closed (restart, terminated backend) costs no request a 500.

def _kill_other_connections(kind):
    """Close, on the server's side, every connection to this database but the killer's."""
    killer = sa.create_engine(engine.get_engine().url, poolclass=sa.pool.NullPool,
                              isolation_level='AUTOCOMMIT')
    with killer.connect() as conn:
        if kind in ('postgresql', 'pg8000'):
            others = ("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                      "AND pid <> pg_backend_pid()")
            conn.execute(sa.text('SELECT pg_terminate_backend(pid) FROM (%s) AS o' % others))
        else:
            others = ('SELECT id FROM information_schema.processlist WHERE db = DATABASE() '
                      'AND id <> CONNECTION_ID()')
            for (pid,) in conn.execute(sa.text(others)).all():
                conn.execute(sa.text('KILL %d' % pid))
        for _ in range(100):  # the backends leave asynchronously
            if not conn.execute(sa.text(others)).all():
                break
            time.sleep(0.05)
    killer.dispose()


@pytest.fixture(params=['mariadb', 'postgresql', 'pg8000'])
def server_backend(request, tmp_path):
    """A migrated, seeded deployment on each database that runs as a server."""
    yield from deployment_on(request.param, tmp_path)


def test_a_connection_the_server_closed_is_replaced_before_a_request(server_backend):
    backend = server_backend
    app = AppClient(deploy.loadapp('config:' + conf.CONF.paste_config, name='osapi_compute'))
    token = _token('demo', 'demo')
    pool = engine.get_engine().pool
    assert app.request('GET', '/v2.1/flavors', token).status_int == 200
    assert pool.checkedin() >= 1  # a pooled connection, kept between requests
    for _ in range(2):
        _kill_other_connections(backend)
        # Every pooled connection is dead now; the next requests get fresh ones, not a 500.
        for _ in range(3):
            assert app.request('GET', '/v2.1/flavors/detail', token).status_int == 200
