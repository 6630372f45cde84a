"""``/os-migrations``: keys per microversion, filters, paging and policy."""

import pytest

from tests.conftest import sample
from tests.unit.novaapi.api import helpers


def _msg(resp):
    return next(iter(resp.json_body_or_none.values()))['message']


@pytest.mark.parametrize('version,folder', [('2.1', ''), ('2.23', 'v2.23/'), ('2.59', 'v2.59/'),
                                            ('2.80', 'v2.80/')])
def test_os_migrations_keys(servers, version, folder):
    uuid, migration_id = helpers.live_migrating(servers)
    listed = servers.call('GET', '/os-migrations', version=version, admin=True).json_body_or_none
    want = sample('os-migrations/%smigrations-get.json' % folder)['migrations']
    live = [m for m in want if m.get('migration_type', 'live-migration') == 'live-migration'
            and m['status'] == 'running'] or want
    assert sorted(listed['migrations'][0]) == sorted(live[0])
    if version != '2.1':
        assert listed['migrations'][0]['links'][0]['href'].endswith(
            '/v2.1/servers/%s/migrations/%d' % (uuid, migration_id))


def test_os_migrations_filters_paging_policy(servers):
    first, _ = helpers.live_migrating(servers)
    second, _ = helpers.live_migrating(servers)
    call = servers.call
    both = call('GET', '/os-migrations', version='2.59', admin=True).json_body_or_none['migrations']
    assert [m['instance_uuid'] for m in both] == [second, first]
    one = call('GET', '/os-migrations?instance_uuid=' + first, admin=True).json_body_or_none
    assert [m['instance_uuid'] for m in one['migrations']] == [first]
    assert call('GET', '/os-migrations?status=done', admin=True).json_body_or_none == {
        'migrations': []}
    page = call('GET', '/os-migrations?limit=1', version='2.59', admin=True).json_body_or_none
    assert page['migrations_links'][0]['href'].endswith(
        '/v2.1/os-migrations?limit=1&marker=%s' % page['migrations'][0]['uuid'])
    rest = call('GET', '/os-migrations?marker=' + page['migrations'][0]['uuid'], version='2.59',
                admin=True).json_body_or_none
    assert [m['instance_uuid'] for m in rest['migrations']] == [first]
    resp = call('GET', '/os-migrations?marker=nope', version='2.59', admin=True)
    assert resp.status_int == 400 and _msg(resp) == 'Marker nope could not be found.'
    assert call('GET', '/os-migrations?foo=1', version='2.59', admin=True).status_int == 400
    assert call('GET', '/os-migrations?user_id=x', version='2.79', admin=True).status_int == 400
    assert call('GET', '/os-migrations?user_id=x', version='2.80',
                admin=True).json_body_or_none == {'migrations': []}
    resp = call('GET', '/os-migrations')
    assert resp.status_int == 403
    assert _msg(resp) == "Policy doesn't allow os_compute_api:os-migrations:index to be performed."
