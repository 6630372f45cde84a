"""The foundation, end to end: the real nova-api process driven the way users drive it."""

import json
import os
import signal
import stat
import subprocess
import time

import pytest
import requests
from keystoneauth1 import exceptions as ks_exc

from tests.functional import server as server_mod

pytestmark = pytest.mark.functional


def test_ready_line_and_openrc_files(api):
    for name, url in (('identity', api.identity_url), ('compute', api.compute_url),
                      ('image', api.image_url), ('network', api.network_url),
                      ('volume', api.volume_url)):
        assert '%s %s' % (name, url) in api.ready_line
    assert api.admin_openrc_path in api.ready_line and api.demo_openrc_path in api.ready_line
    for path in (api.admin_openrc_path, api.demo_openrc_path):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert api.admin_openrc['OS_AUTH_URL'] == api.identity_url
    assert api.admin_openrc['OS_USERNAME'] == 'admin' and api.admin_openrc['OS_PROJECT_NAME'] == 'admin'
    assert len(api.admin_openrc['OS_PASSWORD']) >= 16


def test_keystoneauth_token_catalog_and_flavors(api):
    sess = api.session()
    access = sess.auth.get_access(sess)
    types = {entry['type'] for entry in access.service_catalog.catalog}
    assert {'identity', 'compute', 'image', 'network', 'block-storage', 'volumev3'} <= types
    assert sess.get_endpoint(service_type='volumev3', interface='public') == \
        '%s/v3/%s' % (api.volume_url, access.project_id)
    assert sess.get_endpoint(service_type='compute', interface='public') == api.compute_url
    assert set(access.role_names) == {'admin', 'manager', 'member', 'reader'}
    resp = sess.get('/flavors/detail', endpoint_filter={'service_type': 'compute'})
    assert resp.status_code == 200
    assert [f['name'] for f in resp.json()['flavors']][:2] == ['m1.tiny', 'm1.small']
    assert resp.headers['x-compute-request-id'].startswith('req-')


def test_no_token_is_401_and_demo_cannot_create_flavors(api):
    resp = api.compute('GET', '/flavors/detail')
    assert resp.status_code == 401
    assert resp.headers['WWW-Authenticate'] == 'Keystone uri="%s"' % api.identity_url
    demo = api.token(api.demo_openrc)
    resp = api.compute('POST', '/flavors', demo,
                       json={'flavor': {'name': 'nope', 'ram': 1, 'vcpus': 1, 'disk': 0}})
    assert resp.status_code == 403
    assert resp.json() == {'forbidden': {'code': 403, 'message':
                           "Policy doesn't allow os_compute_api:os-flavor-manage:create to be performed."}}


def test_microversion_negotiation_over_http(api):
    token = api.token()
    resp = api.compute('GET', '/flavors/1', token, version='2.200')
    assert resp.status_code == 406
    assert resp.json()['computeFault']['message'] == (
        'Version 2.200 is not supported by the API. Minimum is 2.1 and maximum is 2.104.')
    resp = api.compute('GET', '/flavors/1', token, version='latest')
    assert resp.headers['OpenStack-API-Version'] == 'compute 2.104'
    assert 'rxtx_factor' not in resp.json()['flavor']
    doc = requests.get(api.compute_url, timeout=10).json()['version']
    assert (doc['version'], doc['min_version']) == ('2.104', '2.1')


def test_version_discovery_on_every_endpoint(api):
    base = api.identity_url[:-len('/v3')]
    root = requests.get(base + '/', timeout=10)
    assert root.status_code == 300 and root.json()['versions']['values'][0]['id'].startswith('v3')
    assert requests.get(base + '/identity', timeout=10).status_code == 300
    for path in ('/v3', '/identity/v3'):
        doc = requests.get(base + path, timeout=10).json()['version']
        assert doc['status'] == 'stable' and doc['links'][0]['href'] == base + path + '/'
    assert requests.get(api.compute_url[:-len('/v2.1')] + '/', timeout=10).json()['versions'][1]['id'] == 'v2.1'
    assert requests.get(api.image_url + '/', timeout=10).status_code in (200, 300)
    assert requests.get(api.network_url + '/', timeout=10).status_code == 200


def test_identity_path_prefix_works_for_keystoneauth(api):
    env = dict(api.admin_openrc)
    env['OS_AUTH_URL'] = env['OS_AUTH_URL'].replace('/v3', '/identity/v3')
    assert api.session(env).get_token()


def test_revocation_applies_at_once_in_every_worker(api):
    sess = api.session(api.demo_openrc)
    token = sess.get_token()
    assert all(api.compute('GET', '/flavors', token).status_code == 200 for _ in range(4))
    admin = api.token()
    resp = requests.delete(api.identity_url + '/auth/tokens', timeout=10,
                           headers={'X-Auth-Token': admin, 'X-Subject-Token': token})
    assert resp.status_code == 204
    # Two workers share the sockets: repeated calls reach both.
    assert [api.compute('GET', '/flavors', token).status_code for _ in range(6)] == [401] * 6


def test_wrong_password_is_rejected(api):
    env = dict(api.demo_openrc, OS_PASSWORD='wrong')
    with pytest.raises(ks_exc.Unauthorized):
        api.session(env).get_token()


def test_request_log_has_no_secrets(api):
    token = api.token()
    api.compute('GET', '/flavors?limit=1', token)
    log = api.log()
    assert '"GET /v2.1/flavors?limit=1" status: 200' in log
    assert token not in log
    assert api.admin_openrc['OS_PASSWORD'] not in log


def test_passwords_are_kept_and_can_be_set(tmp_path):
    with server_mod.start_api(tmp_path) as first:
        password = first.admin_openrc['OS_PASSWORD']
        first_token = first.token()
    with server_mod.start_api(tmp_path) as second:
        assert second.admin_openrc['OS_PASSWORD'] == password
        assert second.token()
        # Tokens live in the database and survive a restart.
        assert second.compute('GET', '/flavors', first_token).status_code == 200
    with server_mod.start_api(tmp_path, admin_password='a-new-secret-1') as third:
        assert third.admin_openrc['OS_PASSWORD'] == 'a-new-secret-1'
        assert third.token()
        stored = open(os.path.join(str(tmp_path), 'nova.sqlite'), 'rb').read()
        assert b'a-new-secret-1' not in stored


def test_sigterm_shuts_down_cleanly(tmp_path):
    srv = server_mod.start_api(tmp_path, workers=2)
    token = srv.token()
    assert srv.compute('GET', '/flavors', token).status_code == 200
    started = time.monotonic()
    srv.process.send_signal(signal.SIGTERM)
    assert srv.process.wait(20) == 0
    assert time.monotonic() - started < 15
    srv.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(srv.compute_url, timeout=2)


def test_nova_manage_db_sync_and_version(tmp_path):
    bin_dir = os.path.dirname(server_mod.nova_api_command()[0])
    manage = os.path.join(bin_dir, 'nova-manage')
    out = subprocess.run([manage, 'db', 'sync', '--data-dir', str(tmp_path)], check=True,
                         capture_output=True, text=True).stdout
    assert out.startswith('database at revision ')
    version = subprocess.run([manage, 'db', 'version', '--data-dir', str(tmp_path)], check=True,
                             capture_output=True, text=True).stdout.strip()
    assert version and version in out


def test_bad_config_is_one_clear_line(tmp_path):
    conf = tmp_path / 'bad.conf'
    conf.write_text('[api]\nno_such_option = 1\n')
    proc = subprocess.run(server_mod.nova_api_command() + ['--config-file', str(conf),
                                                           '--data-dir', str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert 'unknown option [api] no_such_option' in proc.stderr
    assert 'Traceback' not in proc.stderr


def test_flavor_keys_match_novas_own_response_schemas(api, nova_venv):
    token = api.token()
    cases = []
    windows = (('2.1', ''), ('2.55', '_v255'), ('2.61', '_v261'), ('2.75', '_v275'),
               ('2.102', '_v2102'), ('2.104', '_v2102'), ('latest', '_v2102'))
    for version, suffix in windows:
        list_suffix = '' if version == '2.1' else '_v255'
        show = api.compute('GET', '/flavors/1', token, version=version).json()
        detail = api.compute('GET', '/flavors/detail', token, version=version).json()
        index = api.compute('GET', '/flavors', token, version=version).json()
        cases += [{'module': 'flavors', 'schema': 'show_response' + suffix, 'body': show},
                  {'module': 'flavors', 'schema': 'detail_response' + suffix, 'body': detail},
                  {'module': 'flavors', 'schema': 'index_response' + list_suffix, 'body': index}]
    created = api.compute('POST', '/flavors', token, version='2.75',
                          json={'flavor': {'name': 'schema-check', 'ram': 64, 'vcpus': 1, 'disk': 0}})
    cases.append({'module': 'flavors', 'schema': 'create_response_v275', 'body': created.json()})
    api.compute('DELETE', '/flavors/%s' % created.json()['flavor']['id'], token)
    checker = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))),
                           'tools', 'nova_schema_check.py')
    proc = subprocess.run([os.path.join(nova_venv, 'bin', 'python'), checker], input=json.dumps(cases),
                          capture_output=True, text=True, check=True, timeout=120)
    assert json.loads(proc.stdout) == []


@pytest.mark.parametrize('kind', ['postgresql', 'mariadb'])
def test_nova_api_on_server_databases(tmp_path, kind):
    from tests.conftest import scratch_database
    url, drop = scratch_database(kind, tmp_path)
    try:
        with server_mod.start_api(tmp_path / 'data', workers=2, database=url) as srv:
            token = srv.token()
            body = srv.compute('GET', '/flavors/detail?limit=2', token).json()
            assert [f['id'] for f in body['flavors']] == ['1', '2']
            assert body['flavors_links'][0]['href'].endswith('/flavors/detail?limit=2&marker=2')
            assert srv.compute('GET', '/flavors', srv.token(srv.demo_openrc)).status_code == 200
    finally:
        drop()


def test_wsgi_module_serves_the_same_apps(tmp_path):
    conf_path = tmp_path / 'novaapi.conf'
    conf_path.write_text('[DEFAULT]\ndata_dir = %s\n[identity]\npassword_hash_rounds = 16\n' % tmp_path)
    script = (
        'import json, webob\n'
        'import novaapi.wsgi as w\n'
        'doc = webob.Request.blank("/v2.1/").get_response(w.application).json\n'
        'ident = webob.Request.blank("/v3").get_response(w.identity_application).json\n'
        'vol = webob.Request.blank("/v3/").get_response(w.volume_application).json\n'
        'print(json.dumps([doc["version"]["version"], ident["version"]["id"],\n'
        '                  vol["versions"][0]["id"]]))\n')
    proc = subprocess.run([os.sys.executable, '-c', script], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, NOVAAPI_CONFIG=str(conf_path)))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == ['2.104', 'v3.14', 'v3.0']
    assert (tmp_path / 'admin-openrc').exists()


def test_sigterm_stops_every_worker_promptly_on_postgresql(tmp_path):
    """SIGTERM ends the supervisor and all its workers, the background one included, within
    seconds, though the state machine polls PostgreSQL through psycopg2 all the while (a
    kill that lands in the driver's wait used to be retried as an error for the 30 s grace)."""
    from tests.conftest import scratch_database
    url, drop = scratch_database('postgresql', tmp_path)
    try:
        srv = server_mod.start_api(tmp_path / 'data', workers=2, database=url,
                                   config_text='[compute]\nbuild_time = 0.3\naction_time = 0.3\n'
                                               'poll_interval = 0.02\n')
        client = srv.session()
        client.get(srv.identity_url + '/users')              # a kept-alive client connection
        children = [int(pid) for pid in open('/proc/%d/task/%d/children' % (
            srv.process.pid, srv.process.pid)).read().split()]
        assert len(children) == 3                          # two API workers, one background
        started = time.monotonic()
        assert srv.stop(timeout=15) == 0                   # not killed
        assert time.monotonic() - started < 10
        client.session.close()
        for pid in children:
            assert not os.path.exists('/proc/%d' % pid) or \
                open('/proc/%d/stat' % pid).read().split()[2] == 'Z'
    finally:
        drop()


def test_a_worker_serves_others_while_a_statement_waits_on_postgresql(tmp_path):
    """psycopg2 (a C driver) waits for PostgreSQL through eventlet's hub (``monkey_patch()``
    installs its wait callback): with one worker, a request stuck behind a table lock leaves
    the worker free to answer others, then completes."""
    import threading
    import sqlalchemy as sa
    from tests.conftest import scratch_database
    url, drop = scratch_database('postgresql', tmp_path)
    locker = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with server_mod.start_api(tmp_path / 'data', workers=1, database=url) as srv:
            token = srv.token()
            assert srv.compute('GET', '/flavors', token).status_code == 200
            with locker.connect() as conn:
                conn.execute(sa.text('LOCK TABLE flavors IN ACCESS EXCLUSIVE MODE'))
                stuck = {}
                waiter = threading.Thread(target=lambda: stuck.setdefault(
                    'resp', srv.compute('GET', '/flavors/detail', token)))
                waiter.start()
                time.sleep(0.5)
                assert waiter.is_alive()          # behind the lock
                started = time.monotonic()
                other = requests.get(srv.compute_url.rsplit('/v2.1', 1)[0] + '/', timeout=10)
                assert other.status_code == 200 and time.monotonic() - started < 2
                assert waiter.is_alive()
                conn.rollback()                   # the lock goes; the stuck request finishes
            waiter.join(10)
            assert stuck['resp'].status_code == 200
            assert len(stuck['resp'].json()['flavors']) == 5
    finally:
        locker.dispose()
        drop()
