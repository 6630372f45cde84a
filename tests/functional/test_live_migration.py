"""Live migration through the real nova-api: queued, running, then forced to complete or aborted."""

import time

import pytest

from tests.functional import server as server_mod

pytestmark = pytest.mark.functional

# Long enough steps to act while the migration runs.
CONFIG = '[compute]\nbuild_time = 0.2\naction_time = 3.0\npoll_interval = 0.02\n'


@pytest.fixture(scope='module')
def nova(tmp_path_factory):
    with server_mod.start_api(tmp_path_factory.mktemp('live'), config_text=CONFIG, workers=2) as srv:
        yield srv


def _until(fetch, predicate, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fetch()
        if predicate(value):
            return value
        time.sleep(0.05)
    raise AssertionError('condition never met; last value %r' % (value,))


def _boot_and_migrate(nova, token):
    image = nova.session().get('/v2/images?name=cirros',
                               endpoint_filter={'service_type': 'image'}).json()['images'][0]['id']
    server_id = nova.compute('POST', '/servers', token, version='2.37', json={'server': {
        'name': 'live', 'imageRef': image, 'flavorRef': '1', 'networks': 'auto'}}).json()['server']['id']
    show = lambda: nova.compute('GET', '/servers/' + server_id, token, version='2.80').json()['server']
    source = _until(show, lambda s: s['status'] == 'ACTIVE')['OS-EXT-SRV-ATTR:host']
    resp = nova.compute('POST', '/servers/%s/action' % server_id, token, version='2.30',
                        json={'os-migrateLive': {'host': None, 'block_migration': 'auto'}})
    assert resp.status_code == 202, resp.text
    assert show()['status'] == 'MIGRATING'
    migrations = lambda: nova.compute('GET', '/servers/%s/migrations' % server_id, token,
                                      version='2.80').json()['migrations']
    migration = _until(migrations, lambda ms: ms and ms[0]['status'] == 'running')[0]
    return server_id, source, migration, show


def test_force_complete_finishes_on_another_host(nova):
    token = nova.token()
    server_id, source, migration, show = _boot_and_migrate(nova, token)
    started = time.monotonic()
    resp = nova.compute('POST', '/servers/%s/migrations/%d/action' % (server_id, migration['id']), token,
                        version='2.22', json={'force_complete': None})
    assert resp.status_code == 202
    server = _until(show, lambda s: s['status'] == 'ACTIVE')
    assert time.monotonic() - started < 2.5, 'force_complete did not cut the running step short'
    assert server['OS-EXT-SRV-ATTR:host'] != source
    listed = nova.compute('GET', '/os-migrations?instance_uuid=' + server_id, token, version='2.59').json()
    assert listed['migrations'][0]['status'] == 'completed'
    assert listed['migrations'][0]['dest_compute'] == server['OS-EXT-SRV-ATTR:host']


def test_abort_keeps_the_server_where_it_was(nova):
    token = nova.token()
    server_id, source, migration, show = _boot_and_migrate(nova, token)
    resp = nova.compute('DELETE', '/servers/%s/migrations/%d' % (server_id, migration['id']), token,
                        version='2.24')
    assert resp.status_code == 202
    server = _until(show, lambda s: s['status'] == 'ACTIVE' and s['OS-EXT-STS:task_state'] is None)
    assert server['OS-EXT-SRV-ATTR:host'] == source
    listed = nova.compute('GET', '/os-migrations?instance_uuid=' + server_id, token, version='2.59').json()
    assert listed['migrations'][0]['status'] == 'cancelled'
