"""The behaviours filter: asks its checker once per request, skips its exempt paths."""

import json

import webob
import webob.dec

from novaapi.web.middleware import behaviours


def _app(answers, calls):
    def checker(method, path, ctx, memo=None):
        calls.append((method, path))
        return answers.pop(0) if answers else None

    @webob.dec.wsgify
    def inner(req):
        return webob.Response(json_body={'ok': True})
    return behaviours.Behaviours(inner, checker=checker, exempt='_sim')


def test_no_behaviour_passes_through_with_one_check():
    calls = []
    resp = webob.Request.blank('/servers').get_response(_app([], calls))
    assert resp.status_int == 200 and calls == [('GET', '/servers')]


def test_an_armed_status_answers_a_nova_fault():
    resp = webob.Request.blank('/servers', method='POST').get_response(
        _app([(503, 'try later', None)], []))
    assert resp.status_int == 503
    assert json.loads(resp.body) == {'serviceUnavailable': {'code': 503, 'message': 'try later'}}


def test_default_messages():
    resp = webob.Request.blank('/x').get_response(_app([(500, None, None)], []))
    assert json.loads(resp.body)['computeFault']['message'].startswith('Unexpected API Error.')
    resp = webob.Request.blank('/x').get_response(_app([(409, None, None)], []))
    assert json.loads(resp.body) == {'conflictingRequest': {'code': 409, 'message': 'Conflict'}}


def test_a_delay_alone_waits_then_proceeds(monkeypatch):
    slept = []
    monkeypatch.setattr(behaviours.time, 'sleep', slept.append)
    resp = webob.Request.blank('/x').get_response(_app([(None, None, 1.5)], []))
    assert resp.status_int == 200 and slept == [1.5]


def test_the_control_api_is_never_checked():
    calls = []
    app = _app([(503, None, None)], calls)
    for path in ('/_sim/behaviours', '/0123456789abcdef0123456789abcdef/_sim/behaviours/x'):
        assert webob.Request.blank(path).get_response(app).status_int == 200
    assert calls == []
