"""Remote consoles, their ``os-console-auth-tokens`` and the legacy console actions."""

import pytest

from tests.conftest import sample


def _msg(resp):
    return next(iter(resp.json_body_or_none.values()))['message']


@pytest.mark.parametrize('version,folder,protocol,kind', [
    ('2.6', 'v2.6/', 'vnc', 'novnc'), ('2.8', 'v2.8/', 'mks', 'webmks'),
    ('2.99', 'v2.99/', 'spice', 'spice-direct')])
def test_remote_consoles_and_tokens(servers, version, folder, protocol, kind):
    uuid = servers.boot()
    body = {'remote_console': {'protocol': protocol, 'type': kind}}
    resp = servers.sub('POST', uuid, 'remote-consoles', body, version=version)
    assert resp.status_int == 200
    console = resp.json_body_or_none['remote_console']
    name = 'create-%s-console-resp.json' % {'vnc': 'vnc', 'mks': 'mks', 'spice': 'spice-direct'}[
        protocol]
    want = sample('os-remote-consoles/' + folder + name)['remote_console']
    assert sorted(console) == sorted(want)
    assert (console['protocol'], console['type']) == (want['protocol'], want['type'])
    if kind == 'novnc':
        assert '/vnc_auto.html?path=%3Ftoken%3D' in console['url']
        token = console['url'].split('%3D')[-1]
    else:
        token = console['url'].split('token=')[-1]
    resp = servers.call('GET', '/os-console-auth-tokens/' + token, version='2.31')
    assert resp.status_int == 403
    resp = servers.call('GET', '/os-console-auth-tokens/' + token, version='2.99' if version == '2.99' else '2.31',
                        admin=True)
    shown = resp.json_body_or_none['console']
    folder = 'v2.99/' if kind == 'spice-direct' else 'v2.31/'
    want = sample('os-console-auth-tokens/%sget-console-connect-info-get-resp.json' % folder)
    assert sorted(shown) == sorted(want['console'])
    assert shown['instance_uuid'] == uuid
    resp = servers.call('GET', '/os-console-auth-tokens/' + token, version='2.30', admin=True)
    assert resp.status_int == 400
    resp = servers.call('GET', '/os-console-auth-tokens/nope', version='2.31', admin=True)
    assert resp.status_int == 404 and _msg(resp) == 'Token not found'


def test_remote_console_errors(servers):
    uuid = servers.boot()
    post = lambda body, version='2.6': servers.sub('POST', uuid, 'remote-consoles',  # noqa: E731
                                                   {'remote_console': body}, version=version)
    assert post({'protocol': 'vnc', 'type': 'novnc'}, '2.5').status_int == 404
    resp = post({'protocol': 'rdp', 'type': 'rdp-html5'})
    assert resp.status_int == 400 and _msg(resp) == 'Unavailable console type rdp.'
    resp = post({'protocol': 'vnc', 'type': 'xvpvnc'})
    assert resp.status_int == 400 and _msg(resp) == 'Invalid console type xvpvnc'
    assert post({'protocol': 'mks', 'type': 'webmks'}).status_int == 400
    resp = post({'protocol': 'serial', 'type': 'serial'})
    assert resp.json_body_or_none['remote_console']['url'].startswith('ws://')
    servers.set_instance(uuid, host=None)
    resp = post({'protocol': 'vnc', 'type': 'novnc'})
    assert resp.status_int == 409 and _msg(resp) == 'Instance %s is not ready' % uuid


def test_legacy_console_actions(servers):
    """The pre-2.6 console actions on /servers/{id}/action."""
    uuid = servers.boot()
    resp = servers.action(uuid, {'os-getVNCConsole': {'type': 'novnc'}}, version='2.5')
    assert resp.status_int == 200
    console = resp.json_body_or_none['console']
    assert console['type'] == 'novnc' and 'token' in console['url']
    assert servers.action(uuid, {'os-getVNCConsole': {'type': 'novnc'}}, version='2.6').status_int == 404
    assert servers.action(uuid, {'os-getVNCConsole': {'type': 'bad'}}, version='2.5').status_int == 400
    assert servers.action(uuid, {'os-getSerialConsole': {'type': 'serial'}},
                          version='2.5').json_body_or_none['console']['type'] == 'serial'
    assert servers.action(uuid, {'os-getRDPConsole': {'type': 'rdp-html5'}}, version='2.5').status_int == 400
