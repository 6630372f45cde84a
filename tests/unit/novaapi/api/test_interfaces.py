"""Interfaces: attach by network, port or fixed IP, detach, views per microversion, guards."""

import pytest
import sqlalchemy as sa

from novaapi import context
from novaapi.db import engine
from novaapi.network import models as net_models
from novaapi.network import networks as net_networks
from novaapi.network import ports as net_ports
from tests.conftest import sample


def _msg(resp):
    return next(iter(resp.json_body_or_none.values()))['message']


def _private():
    with engine.transaction() as sess:
        return sess.scalar(sa.select(net_models.Network.id).where(net_models.Network.name == 'private'))


def _free_port(project_id):
    ctx = context.RequestContext(user_id='u', project_id=project_id, roles=['member', 'reader'])
    with engine.transaction() as sess:
        port = net_ports.insert(sess, ctx, net_networks.find(sess, ctx, _private()), {})
        return port.id


@pytest.mark.parametrize('version,folder', [('2.1', ''), ('2.49', 'v2.49/'), ('2.70', 'v2.70/')])
def test_keys_match_samples(servers, version, folder):
    uuid = servers.boot()
    listed = servers.sub('GET', uuid, 'os-interface', version=version).json_body_or_none
    want = sample('os-attach-interfaces/%sattach-interfaces-list-resp.json'
                  % ('v2.70/' if version == '2.70' else ''))['interfaceAttachments'][0]
    assert [sorted(i) for i in listed['interfaceAttachments']] == [sorted(want)]
    first = listed['interfaceAttachments'][0]
    assert first['port_state'] == 'ACTIVE' and first['net_id'] == _private()
    assert sorted(first['fixed_ips'][0]) == ['ip_address', 'subnet_id']
    body = {'interfaceAttachment': {'net_id': _private()}}
    if version != '2.1':
        body['interfaceAttachment']['tag'] = 'public'
    created = servers.sub('POST', uuid, 'os-interface', body, version=version)
    assert created.status_int == 200
    want = sample('os-attach-interfaces/%sattach-interfaces-create-resp.json' % folder)
    assert sorted(created.json_body_or_none['interfaceAttachment']) == sorted(
        want['interfaceAttachment'])
    port_id = created.json_body_or_none['interfaceAttachment']['port_id']
    shown = servers.sub('GET', uuid, 'os-interface/' + port_id, version='2.70').json_body_or_none
    assert shown['interfaceAttachment']['tag'] == (None if version == '2.1' else 'public')
    assert len(servers.get(uuid)['addresses']['private']) == 2


def test_attach_port_fixed_ip_and_detach(servers):
    uuid = servers.boot()
    port_id = _free_port(servers.project_of(uuid))
    resp = servers.sub('POST', uuid, 'os-interface', {'interfaceAttachment': {'port_id': port_id}})
    assert resp.status_int == 200
    assert resp.json_body_or_none['interfaceAttachment']['port_id'] == port_id
    other = servers.boot()
    resp = servers.sub('POST', other, 'os-interface', {'interfaceAttachment': {'port_id': port_id}})
    assert resp.status_int == 409 and _msg(resp) == 'Port %s is still in use.' % port_id
    fixed = {'interfaceAttachment': {'net_id': _private(), 'fixed_ips': [{'ip_address': '10.0.0.200'}]}}
    resp = servers.sub('POST', uuid, 'os-interface', fixed)
    assert resp.json_body_or_none['interfaceAttachment']['fixed_ips'][0]['ip_address'] == '10.0.0.200'
    resp = servers.sub('POST', other, 'os-interface', fixed)
    assert resp.status_int == 409
    assert _msg(resp) == 'Fixed IP address 10.0.0.200 is already in use on instance %s.' % other
    resp = servers.sub('DELETE', uuid, 'os-interface/' + port_id)
    assert resp.status_int == 202 and resp.body == b''
    resp = servers.sub('GET', uuid, 'os-interface/' + port_id)
    assert resp.status_int == 404
    assert _msg(resp) == 'Instance %s does not have a port with id %s' % (uuid, port_id)
    assert servers.sub('DELETE', uuid, 'os-interface/' + port_id).status_int == 202
    actions = servers.sub('GET', uuid, 'os-instance-actions').json_body_or_none['instanceActions']
    assert [a['action'] for a in actions][:3] == ['detach_interface', 'detach_interface',
                                                  'attach_interface']


def test_attach_errors(servers):
    uuid = servers.boot()
    missing = '00000000-0000-0000-0000-000000000000'
    both = {'interfaceAttachment': {'net_id': _private(), 'port_id': missing}}
    resp = servers.sub('POST', uuid, 'os-interface', both)
    assert resp.status_int == 400 and _msg(resp) == 'Must not input both network_id and port_id'
    ip_only = {'interfaceAttachment': {'fixed_ips': [{'ip_address': '10.0.0.9'}]}}
    resp = servers.sub('POST', uuid, 'os-interface', ip_only)
    assert resp.status_int == 400 and _msg(resp) == 'Must input network_id when request IP address'
    resp = servers.sub('POST', uuid, 'os-interface', {'interfaceAttachment': {'port_id': missing}})
    assert resp.status_int == 404 and _msg(resp) == 'Port id %s could not be found.' % missing
    resp = servers.sub('POST', uuid, 'os-interface', {'interfaceAttachment': {'net_id': missing}})
    assert resp.status_int == 404 and _msg(resp) == 'Network %s could not be found.' % missing
    resp = servers.sub('POST', uuid, 'os-interface', {'interfaceAttachment': {'net_id': 'x'}})
    assert resp.status_int == 400
    resp = servers.sub('POST', uuid, 'os-interface', {'interfaceAttachment': {'tag': 'a'}},
                       version='2.48')
    assert resp.status_int == 400
    resp = servers.sub('POST', uuid, 'os-interface', {'interfaceAttachment': {}})
    assert resp.status_int == 200
    resp = servers.sub('GET', uuid, 'os-interface/' + missing)
    assert resp.status_int == 404 and _msg(resp) == 'Port id %s could not be found.' % missing


@pytest.mark.parametrize('values,message', [
    ({'vm_state': 'suspended'},
     "Cannot 'attach_interface' instance %s while it is in vm_state suspended"),
    ({'task_state': 'rebooting'},
     "Cannot 'attach_interface' instance %s while it is in task_state rebooting"),
    ({'locked': True}, 'Instance %s is locked'),
])
def test_guards(servers, values, message):
    uuid = servers.boot()
    servers.set_instance(uuid, **values)
    resp = servers.sub('POST', uuid, 'os-interface', {'interfaceAttachment': {}})
    assert resp.status_int == 409 and _msg(resp) == message % uuid
    resp = servers.sub('DELETE', uuid, 'os-interface/x')
    assert resp.status_int == 409
    assert _msg(resp) == message.replace('attach_', 'detach_') % uuid
