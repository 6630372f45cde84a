"""The public interface compute uses: batched lookups, reserve/connect/release, create, delete."""

from novaapi import conf
from novaapi import context
from novaapi.db import engine
from novaapi.volume import api as volume_api

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
