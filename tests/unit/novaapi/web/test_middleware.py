"""The base filter: paste factory, request and response hooks, kit errors in its format."""

import webob

from novaapi.web import errors
from novaapi.web import middleware


def _ok(environ, start_response):
    return webob.Response('ok')(environ, start_response)


class Stamp(middleware.Middleware):

    def process_request(self, req):
        if req.path_info == '/stop':
            return webob.Response('stopped', status=202)
        if req.path_info == '/fail':
            raise errors.NotFound()
        return None

    def process_response(self, req, response):
        response.headers['X-Stamp'] = self.local_conf['stamp']
        return response


def test_factory_passes_the_section_options():
    app = Stamp.factory({'here': '/'}, stamp='s1', error_format='neutron')(_ok)
    assert app.application is _ok and app.local_conf == {'stamp': 's1', 'error_format': 'neutron'}
    assert app.error_format.name == 'neutron'


def test_request_and_response_hooks():
    app = Stamp.factory({}, stamp='s1')(_ok)
    resp = webob.Request.blank('/').get_response(app)
    assert (resp.text, resp.headers['X-Stamp']) == ('ok', 's1')
    resp = webob.Request.blank('/stop').get_response(app)
    assert (resp.status_int, resp.headers['X-Stamp']) == (202, 's1')


def test_kit_error_from_process_request_is_rendered():
    resp = webob.Request.blank('/fail').get_response(Stamp(_ok, stamp='s'))
    assert resp.json == {'itemNotFound': {'code': 404, 'message': 'The resource could not be found.'}}
