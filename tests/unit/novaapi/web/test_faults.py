"""The four wire formats render the kit's errors exactly as each service answers them."""

import json

import pytest
import webob

from novaapi.web import errors
from novaapi.web import faults


def _req(method='GET', accept=None):
    req = webob.Request.blank('/x', method=method)
    if accept:
        req.headers['Accept'] = accept
    return req


def test_nova_body_and_content_type():
    resp = faults.NOVA.render(_req(), errors.MalformedBody())
    assert resp.status_int == 400
    assert resp.headers['Content-Type'] == 'application/json; charset=UTF-8'
    assert json.loads(resp.body) == {'badRequest': {'code': 400, 'message': 'Malformed request body'}}


def test_nova_words_the_limit_and_the_500():
    too_large = json.loads(faults.NOVA.render(None, errors.PayloadTooLarge(114688)).body)
    assert too_large == {'overLimit': {'code': 413, 'message':
                         'Request is too large. Larger than max_request_body_size (114688).'}}
    unexpected = json.loads(faults.NOVA.render(None, errors.HTTPError()).body)
    assert unexpected == {'computeFault': {'code': 500, 'message': faults.NOVA_UNEXPECTED}}


def test_nova_keeps_the_body_of_a_head():
    assert faults.NOVA.render(_req('HEAD'), errors.NotFound()).body


def test_keystone_body():
    resp = faults.KEYSTONE.render(_req(), errors.PayloadTooLarge(10))
    assert resp.headers['Content-Type'] == 'application/json'
    assert json.loads(resp.body) == {'error': {'code': 413, 'title': 'Request Entity Too Large',
                                               'message': 'Request is too large.'}}
    unexpected = json.loads(faults.KEYSTONE.render(_req(), errors.HTTPError()).body)
    assert unexpected['error'] == {'code': 500, 'title': 'Internal Server Error',
                                   'message': faults.KEYSTONE_UNEXPECTED}


def test_keystone_head_has_no_body_but_keeps_headers():
    err = errors.Unauthorized(headers={'WWW-Authenticate': 'Keystone uri="http://k/v3"'})
    resp = faults.KEYSTONE.render(_req('HEAD'), err)
    assert (resp.status_int, resp.body) == (401, b'')
    assert resp.headers['WWW-Authenticate'] == 'Keystone uri="http://k/v3"'


def test_glance_is_webob_page_after_accept():
    plain = faults.GLANCE.render(_req(), errors.MalformedBody())
    assert plain.status_int == 400
    assert plain.text.startswith('400 Bad Request\n\nMalformed JSON in request body.')
    as_json = faults.GLANCE.render(_req(accept='application/json'), errors.NotFound('No image.'))
    assert as_json.json['code'] == '404 Not Found'
    assert as_json.json['message'].startswith('No image.')


def test_glance_method_not_allowed_carries_allow():
    resp = faults.GLANCE.render(_req('PUT'), errors.MethodNotAllowed(['GET', 'POST']))
    assert (resp.status_int, resp.headers['Allow']) == (405, 'GET, POST')


def test_neutron_body():
    resp = faults.NEUTRON.render(_req(), errors.MethodNotAllowed(['GET']))
    assert resp.json == {'NeutronError': {'type': 'HTTPMethodNotAllowed', 'message':
                                          'The method is not allowed for the requested URL.',
                                          'detail': ''}}
    assert resp.headers['Allow'] == 'GET'
    untyped = faults.NEUTRON.render(_req(), errors.ApiError(409, 'Busy.'))
    assert untyped.json['NeutronError']['type'] == 'HTTPError'


def test_formats_by_name():
    assert faults.get('neutron') is faults.NEUTRON
    assert faults.get(faults.GLANCE) is faults.GLANCE
    with pytest.raises(ValueError, match="unknown error_format 'xml'"):
        faults.get('xml')


def test_cinder_body():
    resp = faults.CINDER.render(_req(), errors.NotFound())
    assert resp.json == {'itemNotFound': {'message': 'The resource could not be found.',
                                          'code': 404}}
    over = faults.CINDER.render(_req(), errors.ApiError(413, 'Too many.',
                                                        headers=[('Retry-After', '0')]))
    assert over.json == {'overLimit': {'message': 'Too many.', 'code': 413, 'retryAfter': '0'}}
    assert faults.CINDER.render(_req(), errors.HTTPError()).json['computeFault']['message'] == \
        faults.CINDER_UNEXPECTED
    assert faults.get('cinder') is faults.CINDER
