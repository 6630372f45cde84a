"""keystoneauth1, unchanged, against the identity endpoint served on loopback."""

import socketserver
import threading
from wsgiref import simple_server

import pytest
from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

from novaapi.identity import app
from tests.unit.novaapi.identity import conftest


class _QuietHandler(simple_server.WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _ThreadingServer(socketserver.ThreadingMixIn, simple_server.WSGIServer):
    daemon_threads = True


@pytest.fixture
def auth_url(ids):
    server = simple_server.make_server('127.0.0.1', 0, app.build(),
                                       server_class=_ThreadingServer,
                                       handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield 'http://127.0.0.1:%d' % server.server_port
    server.shutdown()
    server.server_close()


def _password(auth_url, suffix='/v3', **kw):
    kw.setdefault('username', 'demo')
    kw.setdefault('password', conftest.DEMO_PASSWORD)
    return v3.Password(auth_url=auth_url + suffix, user_domain_name='Default', **kw)


@pytest.mark.parametrize('suffix', ['/v3', '', '/identity/v3'])
def test_password_session(auth_url, ids, suffix):
    auth = _password(auth_url, suffix, project_name='demo', project_domain_name='Default')
    sess = ks_session.Session(auth=auth)
    access = auth.get_access(sess)
    assert access.project_id == ids['demo_project_id']
    assert sorted(access.role_names) == ['member', 'reader']
    assert sess.get_token() == access.auth_token
    assert sess.get_endpoint(service_type='compute', interface='public') == \
        'http://127.0.0.1:8774/v2.1'
    assert sess.get_user_id() == ids['demo_user_id']


def test_admin_lists_projects_through_session(auth_url):
    auth = _password(auth_url, username='admin', password=conftest.ADMIN_PASSWORD,
                     project_name='admin', project_domain_id='default')
    sess = ks_session.Session(auth=auth)
    resp = sess.get('/projects', endpoint_filter={'service_type': 'identity',
                                                  'interface': 'public'},
                    endpoint_override=auth_url + '/v3')
    assert {p['name'] for p in resp.json()['projects']} == {'admin', 'demo', 'service'}
    assert 'admin' in auth.get_access(sess).role_names


def test_bad_password_raises_unauthorized(auth_url):
    sess = ks_session.Session(auth=_password(auth_url, password='wrong', project_name='demo',
                                             project_domain_name='Default'))
    with pytest.raises(ks_exc.Unauthorized):
        sess.get_token()
