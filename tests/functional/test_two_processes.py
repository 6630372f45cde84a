"""Two nova-api processes (two workers each) on one PostgreSQL database never run a transition twice."""

import collections
import concurrent.futures
import time

import pytest

from tests.conftest import api_pair_on_postgresql
from tests.functional import server as server_mod

pytestmark = pytest.mark.functional

CONFIG = ('[DEFAULT]\ndemo_password = shared-demo-secret\n'
          '[compute]\nbuild_time = 0.3\naction_time = 0.3\npoll_interval = 0.02\n')
SERVERS = 8


@pytest.fixture
def pair(tmp_path):
    yield from api_pair_on_postgresql(tmp_path, CONFIG)


def _wait(srv, token, server_id, status):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        server = srv.compute('GET', '/servers/' + server_id, token, version='2.96').json()['server']
        if server['status'] == status:
            return server
        time.sleep(0.05)
    raise AssertionError('%s never reached %s' % (server_id, status))


def _events(srv, token, server_id):
    actions = srv.compute('GET', '/servers/%s/os-instance-actions' % server_id, token).json()
    names = collections.Counter(a['action'] for a in actions['instanceActions'])
    events = []
    for action in actions['instanceActions']:
        detail = srv.compute('GET', '/servers/%s/os-instance-actions/%s' % (server_id, action['request_id']),
                             token).json()['instanceAction']
        events += [(action['action'], e['event']) for e in detail.get('events', [])]
    return names, collections.Counter(events)


def test_transitions_happen_once_across_processes(pair):
    first, second = pair
    token = first.token()
    assert second.compute('GET', '/flavors', token).status_code == 200
    image = first.session().get('/v2/images?name=cirros',
                                endpoint_filter={'service_type': 'image'}).json()['images'][0]['id']
    ids = []
    for i in range(SERVERS):
        srv = (first, second)[i % 2]
        resp = srv.compute('POST', '/servers', token, version='2.37', json={'server': {
            'name': 'twin-%d' % i, 'imageRef': image, 'flavorRef': '1', 'networks': 'auto'}})
        assert resp.status_code == 202, resp.text
        ids.append(resp.json()['server']['id'])
    for server_id in ids:
        server = _wait(first, token, server_id, 'ACTIVE')
        assert [len(v) for v in server['addresses'].values()] == [1], server['addresses']

    # Concurrent stops of one server sent to both processes: exactly one wins.
    target = ids[0]
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        codes = list(pool.map(
            lambda i: (first, second)[i % 2].compute('POST', '/servers/%s/action' % target, token,
                                                     json={'os-stop': None}).status_code, range(20)))
    assert sorted(codes) == [202] + [409] * 19
    for server_id in ids[1:]:
        assert second.compute('POST', '/servers/%s/action' % server_id, token,
                              json={'os-stop': None}).status_code == 202
    for server_id in ids:
        server = _wait(second, token, server_id, 'SHUTOFF')
        assert server['OS-EXT-STS:power_state'] == 4
        names, events = _events(first, token, server_id)
        assert names == {'create': 1, 'stop': 1}
        assert events and max(events.values()) == 1, events
