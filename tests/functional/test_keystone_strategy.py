"""auth_strategy = keystone: nova-api behind keystonemiddleware, against a real Keystone.

``tools/run-keystone.sh`` installs Keystone from PyPI into its own venv and runs
it on loopback once per session.  When that fails (no network, say) the tests
skip, except under ``CI=true``, where they fail.
"""

import os
import pathlib
import socket
import subprocess

from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session
import pytest
import requests

from tests.conftest import unavailable
from tests.functional import server

pytestmark = [pytest.mark.keystone, pytest.mark.functional]

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / 'tools' / 'run-keystone.sh'
ADMIN_PASSWORD = 'keystone-admin'
NOVA_PASSWORD = 'nova-service-secret'
DEMO_PASSWORD = 'demo-secret'
TIMEOUT = 30

KEYSTONE_AUTH_CONFIG = """\
[api]
auth_strategy = keystone

[keystone_authtoken]
www_authenticate_uri = {url}
auth_url = {url}
auth_type = password
username = nova
password = {password}
project_name = service
user_domain_name = Default
project_domain_name = Default
service_token_roles_required = true
token_cache_time = -1
"""


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


@pytest.fixture(scope='session')
def keystone_url(tmp_path_factory):
    """Auth URL of a real Keystone, started once for the session."""
    try:
        import keystonemiddleware  # noqa: F401
    except ImportError:
        pytest.fail("keystonemiddleware is not installed: pip install '.[test,keystone]'")
    directory = str(tmp_path_factory.mktemp('keystone'))
    env = dict(os.environ, KEYSTONE_ADMIN_PASSWORD=ADMIN_PASSWORD)
    try:
        started = subprocess.run([str(SCRIPT), 'start', directory, str(_free_port())], env=env,
                                 capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        started = None
    try:
        if started is None or started.returncode:
            log = started.stderr.strip().splitlines()[-15:] if started else ['timed out']
            unavailable('tools/run-keystone.sh start failed:\n' + '\n'.join(log))
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([str(SCRIPT), 'stop', directory], capture_output=True, timeout=60)


def _session(url, username, password, project):
    auth = v3.Password(auth_url=url, username=username, password=password, project_name=project,
                       user_domain_name='Default', project_domain_name='Default')
    return ks_session.Session(auth=auth, timeout=TIMEOUT)


class Identity:
    """Just enough of the Keystone v3 API, over an admin session, to set up the tests."""

    def __init__(self, url):
        self.url = url
        self.admin = _session(url, 'admin', ADMIN_PASSWORD, 'admin')

    def _find(self, collection, name):
        items = self.admin.get('%s/%s' % (self.url, collection),
                               params={'name': name}).json()[collection]
        return items[0]['id'] if items else None

    def ensure(self, collection, name, **attrs):
        found = self._find(collection, name)
        if found:
            return found
        key = collection[:-1]
        body = {key: dict(attrs, name=name, domain_id='default')}
        return self.admin.post('%s/%s' % (self.url, collection), json=body).json()[key]['id']

    def grant(self, user, project, role):
        self.admin.put('%s/projects/%s/users/%s/roles/%s' % (
            self.url, self.ensure('projects', project), self._find('users', user),
            self._find('roles', role)))

    def user(self, name, password, project, role):
        """Create the user, its project and one role on it; returns the project id."""
        project_id = self.ensure('projects', project)
        self.ensure('users', name, password=password, default_project_id=project_id)
        self.grant(name, project, role)
        return project_id


@pytest.fixture(scope='session')
def identity(keystone_url):
    ident = Identity(keystone_url)
    ident.user('nova', NOVA_PASSWORD, 'service', 'service')
    ident.demo_project_id = ident.user('demo', DEMO_PASSWORD, 'demo', 'member')
    return ident


@pytest.fixture(scope='module')
def keystone_api(identity, tmp_path_factory):
    """A nova-api of its own: the shared ``api`` fixture uses the embedded identity."""
    config = KEYSTONE_AUTH_CONFIG.format(url=identity.url, password=NOVA_PASSWORD)
    with server.start_api(tmp_path_factory.mktemp('nova-api'), config_text=config) as api:
        yield api


def _demo_token(identity):
    return _session(identity.url, 'demo', DEMO_PASSWORD, 'demo').get_token()


def _compute(method, api, path, token=None, **kwargs):
    headers = {'X-Auth-Token': token} if token else {}
    return requests.request(method, api.compute_url + path, headers=headers, timeout=TIMEOUT,
                            **kwargs)


def _assert_unauthorized(resp):
    assert resp.status_code == 401, resp.text


def test_keystone_token_lists_flavors(keystone_api, identity):
    resp = _compute('GET', keystone_api, '/flavors/detail', _demo_token(identity))
    assert resp.status_code == 200, resp.text
    assert resp.headers['Content-Type'].startswith('application/json')
    flavors = resp.json()['flavors']
    assert isinstance(flavors, list)
    for flavor in flavors:
        assert {'id', 'name', 'ram', 'vcpus', 'disk', 'links'} <= set(flavor)


def test_missing_token_is_challenged(keystone_api, identity):
    resp = _compute('GET', keystone_api, '/flavors/detail')
    _assert_unauthorized(resp)
    assert resp.headers['WWW-Authenticate'] == 'Keystone uri="%s"' % identity.url


def test_garbage_token_is_unauthorized(keystone_api):
    _assert_unauthorized(_compute('GET', keystone_api, '/flavors/detail', 'gAAAAAB-not-a-real-token'))


def test_revoked_token_is_unauthorized(keystone_api, identity):
    token = _demo_token(identity)
    assert _compute('GET', keystone_api, '/flavors/detail', token).status_code == 200
    revoked = requests.delete(identity.url + '/auth/tokens', timeout=TIMEOUT,
                              headers={'X-Auth-Token': token, 'X-Subject-Token': token})
    assert revoked.status_code == 204, revoked.text
    _assert_unauthorized(_compute('GET', keystone_api, '/flavors/detail', token))


def test_context_carries_the_keystone_project(keystone_api, identity):
    token = _demo_token(identity)
    own = _compute('GET', keystone_api, '/%s/flavors' % identity.demo_project_id, token)
    assert own.status_code == 200, own.text
    other = _compute('GET', keystone_api, '/%s/flavors' % ('0' * 32), token)
    assert other.status_code == 400, other.text
    assert identity.demo_project_id in other.json()['badRequest']['message']


def test_keystone_admin_manages_flavors(keystone_api, identity):
    token = _session(identity.url, 'admin', ADMIN_PASSWORD, 'admin').get_token()
    body = {'flavor': {'name': 'keystone-admin-flavor', 'ram': 512, 'vcpus': 1, 'disk': 1}}
    created = _compute('POST', keystone_api, '/flavors', token, json=body)
    assert created.status_code == 200, created.text
    flavor_id = created.json()['flavor']['id']
    assert _compute('DELETE', keystone_api, '/flavors/%s' % flavor_id, token).status_code == 202


def test_member_cannot_create_flavor(keystone_api, identity):
    body = {'flavor': {'name': 'keystone-demo', 'ram': 512, 'vcpus': 1, 'disk': 1}}
    resp = _compute('POST', keystone_api, '/flavors', _demo_token(identity), json=body)
    assert resp.status_code == 403, resp.text
    assert resp.json() == {'forbidden': {
        'code': 403,
        'message': "Policy doesn't allow os_compute_api:os-flavor-manage:create to be performed."}}


# -- keystonemiddleware against the embedded identity ------------------------------------------

EMBEDDED_AUTH_CONFIG = KEYSTONE_AUTH_CONFIG + "service_type = compute\n"


@pytest.fixture(scope='module')
def embedded_pair(tmp_path_factory):
    """An embedded identity, and a nova-api whose keystonemiddleware validates against it."""
    with server.start_api(tmp_path_factory.mktemp('embedded')) as identity_api:
        admin = identity_api.session()
        url = identity_api.identity_url
        nova = admin.post(url + '/users', json={'user': {
            'name': 'nova', 'password': NOVA_PASSWORD}}).json()['user']['id']
        service = admin.get(url + '/projects', params={'name': 'service'}).json()['projects'][0]
        role = admin.get(url + '/roles', params={'name': 'service'}).json()['roles'][0]
        admin.put('%s/projects/%s/users/%s/roles/%s' % (url, service['id'], nova, role['id']))
        config = EMBEDDED_AUTH_CONFIG.format(url=url, password=NOVA_PASSWORD)
        with server.start_api(tmp_path_factory.mktemp('behind-ksm'), config_text=config) as api:
            yield identity_api, api


def test_keystonemiddleware_accepts_embedded_tokens_and_access_rules(embedded_pair):
    identity_api, api = embedded_pair
    demo = identity_api.session(identity_api.demo_openrc)
    assert _compute('GET', api, '/flavors/detail', demo.get_token()).status_code == 200
    user_id = demo.get_user_id()
    cred = demo.post('%s/users/%s/application_credentials' % (identity_api.identity_url, user_id),
                     json={'application_credential': {'name': 'ksm', 'access_rules': [
                         {'service': 'compute', 'method': 'GET', 'path': '/v2.1/flavors/**'}]}},
                     ).json()['application_credential']
    issued = requests.post(identity_api.identity_url + '/auth/tokens', timeout=TIMEOUT, json={
        'auth': {'identity': {'methods': ['application_credential'], 'application_credential': {
            'id': cred['id'], 'secret': cred['secret']}}}})
    assert issued.status_code == 201, issued.text
    token = issued.headers['X-Subject-Token']
    assert _compute('GET', api, '/flavors/detail', token).status_code == 200
    _assert_unauthorized(_compute('GET', api, '/servers/detail', token))
    demo.delete('%s/users/%s/application_credentials/%s' % (identity_api.identity_url, user_id,
                                                           cred['id']))
    _assert_unauthorized(_compute('GET', api, '/flavors/detail', token))
