"""Concurrent actions on one server: exactly one wins, the rest get Nova's 409.

Runs on SQLite, and on PostgreSQL and MariaDB when they answer on loopback
(a fresh database per run, dropped afterwards).
"""

import concurrent.futures
import time

import pytest
import requests

from tests.conftest import scratch_database
from tests.functional import server as server_mod

CONFIG = '[compute]\nbuild_time = 0.2\naction_time = 2.0\npoll_interval = 0.02\n'
CONCURRENCY = 50


@pytest.fixture(params=['sqlite', 'postgresql', 'mariadb'])
def nova(request, tmp_path):
    database, drop = (None, None) if request.param == 'sqlite' else scratch_database(request.param, tmp_path)
    try:
        srv = server_mod.start_api(tmp_path, config_text=CONFIG, workers=2, database=database)
        try:
            yield srv
        finally:
            srv.stop()
    finally:
        if drop:
            drop()


def _boot(nova, token):
    image = requests.get(nova.image_url + '/v2/images?name=cirros', headers={'X-Auth-Token': token},
                         timeout=30).json()['images'][0]['id']
    resp = nova.compute('POST', '/servers', token=token, version='2.96', json={'server': {
        'name': 'racer', 'imageRef': image, 'flavorRef': '1', 'networks': 'auto'}})
    assert resp.status_code == 202, resp.text
    server_id = resp.json()['server']['id']
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        server = nova.compute('GET', '/servers/' + server_id, token=token).json()['server']
        if server['status'] == 'ACTIVE':
            return server_id
        time.sleep(0.05)
    raise AssertionError('server never became ACTIVE')


def test_concurrent_stop_has_one_winner(nova):
    token = nova.token(nova.demo_openrc)
    server_id = _boot(nova, token)
    session = requests.Session()
    adapter = requests.adapters.HTTPAdapter(pool_connections=CONCURRENCY, pool_maxsize=CONCURRENCY)
    session.mount('http://', adapter)

    def stop(_):
        return session.post('%s/servers/%s/action' % (nova.compute_url, server_id),
                            json={'os-stop': None}, timeout=60,
                            headers={'X-Auth-Token': token, 'OpenStack-API-Version': 'compute 2.96'})

    with concurrent.futures.ThreadPoolExecutor(CONCURRENCY) as pool:
        results = list(pool.map(stop, range(CONCURRENCY)))
    codes = sorted(r.status_code for r in results)
    assert codes.count(202) == 1 and codes.count(409) == CONCURRENCY - 1, codes
    messages = {r.json()['conflictingRequest']['message'] for r in results if r.status_code == 409}
    assert messages <= {"Cannot 'stop' instance %s while it is in task_state powering-off" % server_id,
                        "Cannot 'stop' instance %s while it is in vm_state stopped" % server_id}
    actions = nova.compute('GET', '/servers/%s/os-instance-actions' % server_id, token=token)
    if actions.status_code == 200:
        assert [a['action'] for a in actions.json()['instanceActions']].count('stop') == 1
