"""The public interface compute uses: batched lookups, reserve/connect/release, create, delete;
the volume quota under concurrency."""

import pytest
import sqlalchemy as sa

from novaapi import conf
from novaapi import context
from novaapi.db import engine
from novaapi.identity import models as identity_models
from novaapi.volume import api as volume_api
from novaapi.volume import errors
from novaapi.volume import models
from novaapi.volume import quotas
from novaapi.volume import volumes
from tests.conftest import together

SERVER = '0b4b2d55-0f6b-4bb3-9a39-4b9b0c8b3e01'


def _ctx(ids):
    return context.RequestContext(user_id=ids['demo_user_id'], project_id=ids['demo_project_id'],
                                  roles=['member', 'reader'])


def test_a_volume_made_available_stays_attached_after_the_delay(ids):
    conf.CONF.set('volume', 'status_delay', 60)
    ctx = _ctx(ids)
    with engine.transaction() as sess:
        made = volume_api.create(sess, ctx, 1, name='root')
        assert (made.status, made.settle_at) == ('available', None)
        attachment = volume_api.reserve(sess, ctx, made.id, SERVER)
        volume_api.connect(sess, ctx, [attachment], 'compute1', {attachment: '/dev/vda'})
    with engine.transaction() as sess:
        found = volume_api.volumes_for(sess, ctx, [made.id, 'missing', None])
        assert list(found) == [made.id] and found[made.id].status == 'in-use'
        volume_api.release(sess, ctx, [attachment, 'gone'])
        assert volume_api.get(sess, ctx, made.id).status == 'available'
        volume_api.delete(sess, ctx, [made.id])
    with engine.transaction() as sess:
        assert volume_api.get(sess, ctx, made.id).status == 'deleting'


def test_reserve_refuses_a_busy_volume(ids):
    ctx = _ctx(ids)
    with engine.transaction() as sess:
        made = volume_api.create(sess, ctx, 1)
        volume_api.reserve(sess, ctx, made.id, SERVER)
        try:
            volume_api.reserve(sess, ctx, made.id, '7d0a83b2-5a38-44b0-8d36-0a9f7b1f5c22')
        except volume_api.InvalidVolume as err:
            assert err.code == 400 and 'to reserve' in err.message
        else:
            raise AssertionError('reserved twice')


def _volume_quota_race(ctx, room=3, count=30):
    """``count`` threads create 1 GB volumes at once with room for ``room``: exactly ``room``
    are made, the others get Cinder's VolumeLimitExceeded, and usage ends at the limit."""
    with engine.transaction() as sess:
        used = quotas.usage(sess, ctx.project_id)['volumes']
    admin = context.RequestContext(user_id='admin', project_id=ctx.project_id,
                                   roles=['admin', 'member', 'reader'])
    quotas.update_quota_set(admin, ctx.project_id, {'volumes': used + room})
    made, refused = together(
        count, lambda n: volumes.create_volume(ctx, {'size': 1, 'name': 'race-%d' % n}),
        errors.VolumeLimitExceeded)
    assert (len(made), len(refused)) == (room, count - room)
    with engine.transaction() as sess:
        assert quotas.usage(sess, ctx.project_id)['volumes'] == used + room


def test_volume_quota_holds_under_concurrency_sqlite(ids):
    _volume_quota_race(_ctx(ids))


@pytest.mark.db
def test_volume_quota_holds_under_concurrency_on_each_backend(backend):
    with engine.transaction() as sess:
        demo = sess.scalar(sa.select(identity_models.Project.id)
                           .where(identity_models.Project.name == 'demo'))
    _volume_quota_race(context.RequestContext(user_id='race-user', project_id=demo,
                                              roles=['member', 'reader']))


@pytest.mark.db
def test_the_first_creates_of_a_project_take_its_lock_in_turn(backend):
    """Many first writers of a project's lock row at once (the row is new): each takes it in
    turn, none fails (inserting then locking it deadlocked on MariaDB)."""
    import time
    import uuid
    for _ in range(3):
        project_id = uuid.uuid4().hex

        def take(_n, project_id=project_id):
            with engine.transaction() as sess:
                quotas.lock(sess, project_id)
                time.sleep(0.005)
        together(12, take)
        with engine.transaction() as sess:
            assert sess.scalar(sa.select(sa.func.count()).select_from(models.ProjectLock)
                               .where(models.ProjectLock.project_id == project_id)) == 1
