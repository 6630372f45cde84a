"""Password, diagnostics, consoles and their tokens, security groups and NUMA topology."""

import pytest

from novaapi.compute.subresources import passwords
from novaapi.compute import instances
from novaapi.db import engine
from novaapi import context
from tests.conftest import sample


def _msg(resp):
    return next(iter(resp.json_body_or_none.values()))['message']


def test_server_password(servers):
    uuid = servers.boot()
    assert servers.sub('GET', uuid, 'os-server-password').json_body_or_none == {'password': ''}
    want = sample('os-server-password/get-password-resp.json')['password']
    ctx = context.RequestContext(user_id='x', project_id='x', roles=['admin'])
    with engine.transaction() as sess:
        passwords.set_password(sess, instances.get(sess, ctx, uuid), want)
    assert servers.sub('GET', uuid, 'os-server-password').json_body_or_none == {'password': want}
    resp = servers.sub('DELETE', uuid, 'os-server-password')
    assert resp.status_int == 204 and resp.body == b''
    assert servers.sub('GET', uuid, 'os-server-password').json_body_or_none == {'password': ''}


@pytest.mark.parametrize('version,name', [('2.1', 'server-diagnostics-get-resp.json'),
                                          ('2.48', 'v2.48/server-diagnostics-get-resp.json')])
def test_diagnostics(servers, version, name):
    uuid = servers.boot()
    resp = servers.sub('GET', uuid, 'diagnostics', version=version)
    assert resp.status_int == 403
    resp = servers.sub('GET', uuid, 'diagnostics', version=version, admin=True)
    want = sample('os-server-diagnostics/' + name)
    assert sorted(resp.json_body_or_none) == sorted(want)
    servers.set_instance(uuid, power_state=4)
    resp = servers.sub('GET', uuid, 'diagnostics', version=version, admin=True)
    assert resp.status_int == 409
    assert _msg(resp) == ("Cannot 'get_diagnostics' instance %s while it is in power state "
                          "shutdown" % uuid)
    servers.set_instance(uuid, host=None)
    resp = servers.sub('GET', uuid, 'diagnostics', version=version, admin=True)
    assert resp.status_int == 409 and _msg(resp) == 'Instance %s is not ready' % uuid


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


def test_server_security_groups(servers):
    uuid = servers.boot()
    resp = servers.sub('GET', uuid, 'os-security-groups')
    groups = resp.json_body_or_none['security_groups']
    want = sample('os-security-groups/server-security-groups-list-resp.json')['security_groups']
    assert [sorted(g) for g in groups] == [sorted(w) for w in want]
    assert groups[0]['name'] == 'default' and groups[0]['tenant_id'] == servers.project_of(uuid)
    assert {r['group']['name'] for r in groups[0]['rules']} == {'default'}
    assert sorted(groups[0]['rules'][0]) == ['from_port', 'group', 'id', 'ip_protocol',
                                             'ip_range', 'parent_group_id', 'to_port']


def test_topology(servers):
    uuid = servers.boot()
    assert servers.sub('GET', uuid, 'topology', version='2.77').status_int == 404
    resp = servers.sub('GET', uuid, 'topology', version='2.78')
    assert resp.json_body_or_none == {'nodes': [], 'pagesize_kb': None}
    servers.set_instance(uuid, vcpus=4, memory_mb=3072,
                         extra_specs={'hw:numa_nodes': '2', 'hw:cpu_policy': 'dedicated',
                                      'hw:cpu_threads': '2', 'hw:mem_page_size': 'small'})
    user = servers.sub('GET', uuid, 'topology', version='2.78').json_body_or_none
    want = sample('os-server-topology/v2.78/servers-topology-resp-user.json')
    assert [sorted(n) for n in user['nodes']] == [sorted(n) for n in want['nodes']]
    assert user['nodes'][0]['vcpu_set'] == [0, 1] and user['nodes'][1]['siblings'] == [[2, 3]]
    assert user['pagesize_kb'] == 4
    admin = servers.sub('GET', uuid, 'topology', version='2.78', admin=True).json_body_or_none
    want = sample('os-server-topology/v2.78/servers-topology-resp.json')
    assert [sorted(n) for n in admin['nodes']] == [sorted(n) for n in want['nodes']]
    assert admin['nodes'][1]['host_node'] == 1


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
    assert servers.action(uuid, {'os-getRDPConsole': {'type': 'rdp-html5'}}, version='2.5').status_int == 410
