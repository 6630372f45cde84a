"""Fuzz of the compute API through the real nova-api: no client input gets a 5xx.

Hypothesis (bounded, deterministic) picks a route of the compute route table, a method,
ids (real ones, junk, huge integers), a query string, a body (JSON of any shape, or bytes
that are not JSON) and headers (microversions in and out of range, content types), and sends
them over one keep-alive session as the admin.  Every answer must be a 2xx/3xx/4xx; every
4xx other than the router's own 404 must wear Nova's fault body ``{"<name>": {"code",
"message"}}``.  One server per database: ``REQUESTS`` on SQLite, a smaller run on PostgreSQL
(whose integer columns are 32 bits wide, where ids and filters beyond that must not reach it).
"""

import json
import re

import hypothesis
from hypothesis import strategies as st
import pytest
import requests

from novaapi.api import routes
from tests.conftest import scratch_database
from tests.functional import server as server_mod

pytestmark = pytest.mark.functional

EXAMPLES = {'sqlite': 1500, 'postgresql': 750}    # hypothesis examples per database
PER_EXAMPLE = 2       # requests each example sends
REQUESTS = EXAMPLES['sqlite'] * PER_EXAMPLE
PATHS = sorted({path for path, _methods in routes.ROUTE_LIST})
METHODS = ['GET', 'POST', 'PUT', 'DELETE']
ACTIONS = ['pause', 'unpause', 'suspend', 'resume', 'lock', 'unlock', 'os-start', 'os-stop',
           'reboot', 'rebuild', 'resize', 'migrate', 'os-migrateLive', 'evacuate', 'rescue',
           'unrescue', 'shelve', 'shelveOffload', 'unshelve', 'createImage', 'createBackup',
           'os-getConsoleOutput', 'os-resetState', 'changePassword', 'addSecurityGroup',
           'confirmResize', 'revertResize', 'forceDelete', 'restore', 'trigger_crash_dump',
           'os-getVNCConsole', 'os-getRDPConsole', 'injectNetworkInfo', 'add_host', 'set_metadata',
           'addTenantAccess', 'force_complete', 'bogus']
JUNK_IDS = ['1', '0', '-1', '9223372036854775808', '99999999999999999999999', 'abc', '%C2%B2',
            'x' * 300, '4ab2c9e1-2f3c-4e5a-9b6d-7c8d9e0f1a2b', 'detail', '%20', 'None', '1.5']
VERSIONS = ['2.1', '2.6', '2.36', '2.47', '2.53', '2.56', '2.73', '2.75', '2.89', '2.96', '2.97',
            '2.100', '2.102', '2.104', 'latest', '2.105', '3.0', 'bogus', '']

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-2 ** 70, max_value=2 ** 70),
              st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=12), children, max_size=4)),
    max_leaves=12)


@st.composite
def bodies(draw):
    kind = draw(st.sampled_from(['action', 'json', 'json', 'raw', 'none']))
    if kind == 'action':
        return json.dumps({draw(st.sampled_from(ACTIONS)): draw(json_values)}).encode()
    if kind == 'json':
        return json.dumps(draw(json_values)).encode()
    if kind == 'raw':
        return draw(st.binary(max_size=60))
    return None


@st.composite
def requests_(draw, ids):
    path = draw(st.sampled_from(PATHS))
    path = re.sub(r'\{[a-z_]+\}', lambda _m: draw(st.sampled_from(ids + JUNK_IDS)), path)
    query = draw(st.lists(st.tuples(
        st.sampled_from(['limit', 'marker', 'offset', 'name', 'minRam', 'minDisk', 'sort_key',
                         'sort_dir', 'all_tenants', 'changes-since', 'changes-before', 'status',
                         'power_state', 'host', 'user_id', 'project_id', 'tags', 'ip', 'zz']),
        st.sampled_from(JUNK_IDS + ['', 'true', '2020-01-01T00:00:00Z', 'ACTIVE', 'asc'])),
        max_size=3))
    headers = {}
    version = draw(st.sampled_from(VERSIONS))
    if version:
        headers['OpenStack-API-Version'] = 'compute ' + version
    headers['Content-Type'] = draw(st.sampled_from(
        ['application/json', 'application/json', 'text/plain', 'application/xml', '']))
    return draw(st.sampled_from(METHODS)), path, query, headers, draw(bodies())


def _check(resp):
    status = resp.status_code
    assert status < 500, '%s -> %d %s' % (resp.request.url, status, resp.text[:300])
    if status < 400 or not resp.content:
        return
    body = resp.json()
    if status == 404 and set(body) == {'message', 'code', 'title'}:
        return      # the router's own 404, webob's JSON form, as Nova's router answers it
    ((_name, fault),) = body.items()
    assert fault['code'] == status and isinstance(fault['message'], str), resp.text[:300]


@pytest.fixture(scope='module', params=['sqlite', 'postgresql'])
def fuzz_api(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp('fuzz-%s' % request.param)
    url, drop = scratch_database(request.param, tmp)
    srv = server_mod.start_api(tmp / 'data', database=url)
    try:
        srv.db_kind = request.param
        yield srv
    finally:
        srv.stop()
        drop()


def test_no_client_input_gets_a_5xx(fuzz_api):
    token = fuzz_api.token()
    http = requests.Session()
    http.headers.update({'X-Auth-Token': token, 'Accept': 'application/json'})
    flavors = http.get(fuzz_api.compute_url + '/flavors', timeout=30).json()['flavors']
    ids = [f['id'] for f in flavors[:2]]
    sent = []

    examples = EXAMPLES[fuzz_api.db_kind]

    @hypothesis.settings(max_examples=examples, database=None, derandomize=True, deadline=None,
                         phases=[hypothesis.Phase.generate],
                         suppress_health_check=list(hypothesis.HealthCheck))
    @hypothesis.given(st.lists(requests_(ids), min_size=PER_EXAMPLE, max_size=PER_EXAMPLE))
    def fuzz(batch):
        for method, path, query, headers, body in batch:
            resp = http.request(method, fuzz_api.compute_url + path, params=query, data=body,
                                headers=headers, timeout=60)
            sent.append(1)
            _check(resp)

    fuzz()
    assert len(sent) >= examples * PER_EXAMPLE
    assert 'Traceback' not in fuzz_api.log()


@pytest.mark.parametrize('method,path,version,status', [
    ('DELETE', '/os-aggregates/2147483648', '2.1', 404),
    ('DELETE', '/os-aggregates/9223372036854775808', '2.1', 404),
    ('GET', '/os-aggregates/4294967296', '2.1', 404),
    ('GET', '/os-hypervisors/2147483648', '2.1', 404),
    ('GET', '/os-hypervisors?marker=2147483648', '2.33', 400),
    ('GET', '/flavors?minRam=2147483648&minDisk=2147483648', '2.1', 200),
    ('GET', '/servers?power_state=2147483648', '2.1', 200),
    ('GET', '/os-server-groups?offset=2147483648&limit=2147483648', '2.1', 200),
    ('GET', '/os-migrations?limit=2147483648', '2.59', 200),
])
def test_ids_beyond_a_columns_range(fuzz_api, method, path, version, status):
    resp = requests.request(method, fuzz_api.compute_url + path, timeout=30, headers={
        'X-Auth-Token': fuzz_api.token(), 'OpenStack-API-Version': 'compute ' + version})
    assert resp.status_code == status, resp.text
