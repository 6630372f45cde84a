"""Two nova-api processes (two workers each) on one PostgreSQL database: they never run a
transition twice, and a revocation made through one is honoured by every worker of both."""

import collections
import concurrent.futures
import time
import uuid

import pytest
import requests

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


def test_revocation_reaches_every_worker_of_both_processes(pair):
    """An application credential deleted, then its user disabled, through one process: the
    next request with their tokens gets 401 from every worker of both."""
    first, second = pair
    admin, url = first.session(), first.identity_url
    password = uuid.uuid4().hex
    user = admin.post(url + '/users', json={'user': {
        'name': 'rev-' + password[:6], 'password': password}}).json()['user']
    project = admin.get(url + '/projects', params={'name': 'demo'}).json()['projects'][0]
    role = admin.get(url + '/roles', params={'name': 'member'}).json()['roles'][0]
    admin.put('%s/projects/%s/users/%s/roles/%s' % (url, project['id'], user['id'], role['id']))
    issued = requests.post(second.identity_url + '/auth/tokens', timeout=30, json={'auth': {
        'identity': {'methods': ['password'], 'password': {'user': {
            'id': user['id'], 'password': password}}},
        'scope': {'project': {'id': project['id']}}}})
    user_token = issued.headers['X-Subject-Token']
    creds = '%s/users/%s/application_credentials' % (url, user['id'])
    cred = requests.post(creds, headers={'X-Auth-Token': user_token}, timeout=30, json={
        'application_credential': {'name': 'rev'}}).json()['application_credential']
    issued = requests.post(second.identity_url + '/auth/tokens', timeout=30, json={'auth': {
        'identity': {'methods': ['application_credential'], 'application_credential': {
            'id': cred['id'], 'secret': cred['secret']}}}})
    cred_token = issued.headers['X-Subject-Token']

    def answers(token):
        return [srv.compute('GET', '/flavors', token).status_code
                for _ in range(4) for srv in (first, second)]

    assert set(answers(cred_token)) == set(answers(user_token)) == {200}
    deleted = requests.delete('%s/%s' % (creds, cred['id']), timeout=30,
                              headers={'X-Auth-Token': user_token})
    assert deleted.status_code == 204
    assert set(answers(cred_token)) == {401} and set(answers(user_token)) == {200}
    admin.patch(url + '/users/' + user['id'], json={'user': {'enabled': False}})
    assert set(answers(user_token)) == {401}


def test_server_views_kept_by_every_worker_follow_each_change(pair):
    """Every worker keeps the server views it read while nothing the views show is written:
    a change made through either process, by a request or by the state machine, on the
    compute side or the network's, shows at once in every worker of both."""
    first, second = pair
    admin = first.session()
    token = first.token()
    image = admin.get('/v2/images?name=cirros',
                      endpoint_filter={'service_type': 'image'}).json()['images'][0]['id']
    created = first.compute('POST', '/servers', token, version='2.37', json={'server': {
        'name': 'kept', 'imageRef': image, 'flavorRef': '1', 'networks': 'auto'}})
    server_id = created.json()['server']['id']
    _wait(second, token, server_id, 'ACTIVE')

    def views():
        """The server as each worker of both processes shows it (a new connection a
        request: the kernel spreads them over the workers)."""
        shown = []
        for _ in range(6):
            for srv in (first, second):
                shown.append(srv.compute('GET', '/servers/' + server_id, token,
                                         version='2.96').json()['server'])
                page = srv.compute('GET', '/servers/detail', token, version='2.96').json()
                shown += [s for s in page['servers'] if s['id'] == server_id]
        return shown

    before = views()
    assert {s['name'] for s in before} == {'kept'}
    assert {s['security_groups'][0]['name'] for s in before} == {'default'}

    assert second.compute('PUT', '/servers/' + server_id, token, json={
        'server': {'name': 'kept-renamed'}}).status_code == 200
    assert first.compute('POST', '/servers/%s/metadata' % server_id, token, json={
        'metadata': {'colour': 'green'}}).status_code == 200
    assert second.compute('PUT', '/servers/%s/tags/blue' % server_id, token,
                          version='2.26').status_code == 201
    # A network-side change: the server's port joins another group (Neutron's API).
    group = admin.post(second.network_url + '/v2.0/security-groups', json={
        'security_group': {'name': 'kept-views'}}).json()['security_group']
    port = admin.get(second.network_url + '/v2.0/ports',
                     params={'device_id': server_id}).json()['ports'][0]
    assert admin.put(second.network_url + '/v2.0/ports/' + port['id'], json={
        'port': {'security_groups': [group['id']]}}).status_code == 200
    after = views()
    assert {s['name'] for s in after} == {'kept-renamed'}
    assert [s['metadata'] for s in after] == [{'colour': 'green'}] * len(after)
    assert [s['tags'] for s in after] == [['blue']] * len(after)
    assert [s['security_groups'] for s in after] == [[{'name': 'kept-views'}]] * len(after)

    # The state machine's writes (another process's background worker) show too.
    assert first.compute('POST', '/servers/%s/action' % server_id, token,
                         json={'os-stop': None}).status_code == 202
    _wait(second, token, server_id, 'SHUTOFF')
    assert {(s['status'], s['OS-EXT-STS:power_state']) for s in views()} == {('SHUTOFF', 4)}
