"""Fuzz of the block-storage API through the real nova-api: no client input gets a 5xx.

Hypothesis (bounded, deterministic) picks a route of the volume route table, a method, ids
(real volumes, snapshots, attachments and types, junk), a query string, a body (an action or
JSON of any shape, or bytes that are not JSON) and a microversion header, and sends them over
one keep-alive session as the admin or the demo user.  Every answer is a 2xx/3xx/4xx, and
every 4xx wears Cinder's fault body ``{"<name>": {"message", "code"}}``.
"""

import json
import re

import hypothesis
from hypothesis import strategies as st
import pytest
import requests

from novaapi.volume import routes
from tests.functional import server as server_mod

pytestmark = pytest.mark.functional

EXAMPLES = 400
PER_EXAMPLE = 2
PATHS = sorted({path for path, _methods in routes.ROUTES})
METHODS = ['GET', 'POST', 'PUT', 'DELETE']
ACTIONS = ['os-extend', 'os-set_bootable', 'os-reset_status', 'os-reserve', 'os-unreserve',
           'os-attach', 'os-detach', 'os-begin_detaching', 'os-roll_detaching',
           'os-initialize_connection', 'os-terminate_connection', 'os-force_delete',
           'os-force_detach', 'os-update_readonly_flag', 'os-complete', 'bogus']
KEYS = ['volume', 'snapshot', 'attachment', 'volume_type', 'quota_set', 'metadata',
        'extra_specs', 'size', 'name', 'volume_id', 'volume_uuid', 'instance_uuid',
        'connector', 'new_size', 'status', 'bootable', 'force', 'imageRef', 'snapshot_id',
        'source_volid', 'volumes', 'gigabytes']
JUNK_IDS = ['1', '-1', '9223372036854775808', 'abc', 'x' * 300, 'default', 'detail', '%20',
            '4ab2c9e1-2f3c-4e5a-9b6d-7c8d9e0f1a2b', 'None']
VERSIONS = ['3.0', '3.27', '3.44', '3.45', '3.54', '3.66', '3.71', '3.72', 'latest', 'bogus',
            '2.1', '']

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-2 ** 70, max_value=2 ** 70),
              st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12),
              st.sampled_from(JUNK_IDS)),
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8),
                                               children, max_size=4)),
    max_leaves=10)


@st.composite
def bodies(draw, ids):
    kind = draw(st.sampled_from(['action', 'keyed', 'json', 'raw', 'none']))
    if kind == 'action':
        return json.dumps({draw(st.sampled_from(ACTIONS)): draw(json_values)}).encode()
    if kind == 'keyed':
        inner = draw(st.dictionaries(st.sampled_from(KEYS), json_values | st.sampled_from(ids),
                                     max_size=4))
        return json.dumps({draw(st.sampled_from(KEYS)): inner}).encode()
    if kind == 'json':
        return json.dumps(draw(json_values)).encode()
    if kind == 'raw':
        return draw(st.binary(max_size=40))
    return None


@st.composite
def requests_(draw, project_ids, ids):
    path = draw(st.sampled_from(PATHS))
    path = path.replace('{project_id}', draw(st.sampled_from(project_ids)))
    path = re.sub(r'\{[a-z_]+\}', lambda _m: draw(st.sampled_from(ids + JUNK_IDS)), path)
    query = draw(st.lists(st.tuples(
        st.sampled_from(['limit', 'marker', 'offset', 'sort', 'sort_key', 'sort_dir', 'name',
                         'status', 'metadata', 'bootable', 'all_tenants', 'with_count',
                         'cascade', 'force', 'usage', 'volume_id', 'size', 'zz']),
        st.sampled_from(JUNK_IDS + ids + ['', 'true', 'name:asc', 'size:up', '{"a": "b"}',
                                          '{bad'])), max_size=3))
    headers = {'Content-Type': draw(st.sampled_from(['application/json', 'text/plain', '']))}
    version = draw(st.sampled_from(VERSIONS))
    if version:
        headers['OpenStack-API-Version'] = 'volume ' + version
    return (draw(st.sampled_from(METHODS)), path, query, headers, draw(bodies(ids)),
            draw(st.booleans()))


def _check(resp):
    status = resp.status_code
    assert status < 500, '%s -> %d %s' % (resp.request.url, status, resp.text[:300])
    if status < 400 or status == 401 or not resp.content:
        return
    ((_name, fault),) = resp.json().items()
    assert fault['code'] == status and isinstance(fault['message'], str), resp.text[:300]
    assert 'Traceback' not in resp.text


@pytest.fixture(scope='module')
def fuzz_api(tmp_path_factory):
    srv = server_mod.start_api(tmp_path_factory.mktemp('volume-fuzz'),
                               config_text='[volume]\nstatus_delay = 0\n')
    yield srv
    srv.stop()


def _session(srv, openrc):
    sess = srv.session(openrc)
    token, project = sess.get_token(), sess.get_project_id()
    http = requests.Session()
    http.headers.update({'X-Auth-Token': token, 'Accept': 'application/json'})
    return http, project


def test_no_client_input_gets_a_5xx(fuzz_api):
    admin, admin_project = _session(fuzz_api, fuzz_api.admin_openrc)
    demo, demo_project = _session(fuzz_api, fuzz_api.demo_openrc)
    root = fuzz_api.volume_url + '/v3/' + demo_project
    volume = demo.post(root + '/volumes', json={'volume': {'size': 1}}).json()['volume']
    snapshot = demo.post(root + '/snapshots', json={'snapshot': {'volume_id': volume['id']}},
                         ).json()['snapshot']
    other = demo.post(root + '/volumes', json={'volume': {'size': 1}}).json()['volume']
    attachment = demo.post(root + '/attachments', headers={
        'OpenStack-API-Version': 'volume 3.44'}, json={'attachment': {
            'volume_uuid': other['id'], 'instance_uuid': volume['id']}}).json()['attachment']
    types = demo.get(root + '/types').json()['volume_types']
    ids = [volume['id'], snapshot['id'], attachment['id'], types[0]['id'], demo_project]
    sent = []

    @hypothesis.settings(max_examples=EXAMPLES, database=None, derandomize=True, deadline=None,
                         phases=[hypothesis.Phase.generate],
                         suppress_health_check=list(hypothesis.HealthCheck))
    @hypothesis.given(st.lists(requests_([demo_project, admin_project, 'x'], ids),
                               min_size=PER_EXAMPLE, max_size=PER_EXAMPLE))
    def fuzz(batch):
        for method, path, query, headers, body, as_admin in batch:
            http = admin if as_admin else demo
            resp = http.request(method, fuzz_api.volume_url + path, params=query, data=body,
                                headers=headers, timeout=60)
            sent.append(1)
            _check(resp)

    fuzz()
    assert len(sent) >= EXAMPLES * PER_EXAMPLE
    assert 'Traceback' not in fuzz_api.log()
