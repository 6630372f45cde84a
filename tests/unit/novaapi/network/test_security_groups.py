"""Security groups and rules over the network endpoint: defaults, CRUD, validation, conflicts."""

import pytest

from novaapi.network import app
from tests.unit.novaapi.network.conftest import Client


@pytest.fixture
def client(ids):
    return Client(app.build())


def _error(resp, status, kind):
    assert resp.status_int == status, resp.body
    assert resp.data['NeutronError']['type'] == kind, resp.data
    assert resp.data['NeutronError']['detail'] == ''


def _rule(client, token, **rule):
    return client.post('/v2.0/security-group-rules', {'security_group_rule': rule}, token=token)


def test_default_group_has_neutrons_four_rules(client, demo_token):
    (group,) = client.get('/v2.0/security-groups', token=demo_token).data['security_groups']
    assert group['name'] == 'default'
    rules = {(r['direction'], r['ethertype'], r['remote_group_id']) for r in
             group['security_group_rules']}
    assert rules == {('egress', 'IPv4', None), ('egress', 'IPv6', None),
                     ('ingress', 'IPv4', group['id']), ('ingress', 'IPv6', group['id'])}
    listed = client.get('/v2.0/security-group-rules', token=demo_token).data
    assert len(listed['security_group_rules']) == 4


def test_group_crud_and_rules(client, demo_token):
    resp = client.post('/v2.0/security-groups', {'security_group': {'name': 'web',
                                                                    'description': 'w'}},
                       token=demo_token)
    assert resp.status_int == 201, resp.body
    group = resp.data['security_group']
    assert sorted(r['direction'] for r in group['security_group_rules']) == ['egress', 'egress']
    resp = _rule(client, demo_token, security_group_id=group['id'], direction='ingress',
                 protocol='tcp', port_range_min=22, port_range_max=22,
                 remote_ip_prefix='0.0.0.0/0')
    assert resp.status_int == 201, resp.body
    rule = resp.data['security_group_rule']
    assert (rule['protocol'], rule['port_range_min'], rule['ethertype']) == ('tcp', 22, 'IPv4')
    _error(_rule(client, demo_token, security_group_id=group['id'], direction='ingress',
                 protocol='tcp', port_range_min=22, port_range_max=22),
           409, 'SecurityGroupRuleExists')
    resp = client.put('/v2.0/security-groups/' + group['id'],
                      {'security_group': {'name': 'www'}}, token=demo_token)
    assert resp.status_int == 200 and resp.data['security_group']['name'] == 'www'
    assert resp.data['security_group']['revision_number'] == group['revision_number'] + 1
    shown = client.get('/v2.0/security-groups/%s?fields=name' % group['id'], token=demo_token)
    assert shown.data == {'security_group': {'name': 'www'}}
    assert client.delete('/v2.0/security-group-rules/' + rule['id'],
                         token=demo_token).status_int == 204
    _error(client.get('/v2.0/security-group-rules/' + rule['id'], token=demo_token),
           404, 'SecurityGroupRuleNotFound')
    assert client.delete('/v2.0/security-groups/' + group['id'], token=demo_token).status_int == 204
    _error(client.get('/v2.0/security-groups/' + group['id'], token=demo_token),
           404, 'SecurityGroupNotFound')


@pytest.mark.parametrize('rule, kind', [
    ({'direction': 'sideways'}, 'InvalidInput'),
    ({'direction': 'ingress', 'ethertype': 'IPv5'}, 'SecurityGroupRuleInvalidEtherType'),
    ({'direction': 'ingress', 'protocol': 'bogus'}, 'SecurityGroupRuleInvalidProtocol'),
    ({'direction': 'ingress', 'port_range_min': 22}, 'SecurityGroupProtocolRequiredWithPorts'),
    ({'direction': 'ingress', 'protocol': 'tcp', 'port_range_min': 30, 'port_range_max': 20},
     'SecurityGroupInvalidPortRange'),
    ({'direction': 'ingress', 'protocol': 'tcp', 'port_range_min': 0, 'port_range_max': 20},
     'SecurityGroupInvalidPortValue'),
    ({'direction': 'ingress', 'protocol': 'tcp', 'port_range_min': 70000}, 'InvalidInput'),
    ({'direction': 'ingress', 'protocol': 'icmp', 'port_range_min': 300},
     'SecurityGroupInvalidIcmpValue'),
    ({'direction': 'ingress', 'protocol': 'icmp', 'port_range_max': 3},
     'SecurityGroupMissingIcmpType'),
    ({'direction': 'ingress', 'protocol': 'gre', 'port_range_min': 1, 'port_range_max': 2},
     'SecurityGroupInvalidProtocolForPort'),
    ({'direction': 'ingress', 'remote_ip_prefix': '10.0.0.0/8', 'ethertype': 'IPv6'},
     'SecurityGroupRuleParameterConflict'),
    ({'direction': 'ingress', 'remote_ip_prefix': 'nonsense'}, 'InvalidCIDR'),
    ({'direction': 'ingress', 'protocol': 'ipv6-icmp'},
     'SecurityGroupEthertypeConflictWithProtocol'),
])
def test_rule_validation(client, demo_token, rule, kind):
    (group,) = client.get('/v2.0/security-groups', token=demo_token).data['security_groups']
    _error(_rule(client, demo_token, security_group_id=group['id'], **rule), 400, kind)


def test_rule_with_both_remotes_and_unknown_group(client, demo_token):
    (group,) = client.get('/v2.0/security-groups', token=demo_token).data['security_groups']
    _error(_rule(client, demo_token, security_group_id=group['id'], direction='ingress',
                 remote_ip_prefix='10.0.0.0/8', remote_group_id=group['id']),
           400, 'SecurityGroupMultipleRemoteEntites')
    _error(_rule(client, demo_token, security_group_id='nope', direction='ingress'),
           404, 'SecurityGroupNotFound')


def test_default_group_rules(client, demo_token, admin_token):
    (group,) = client.get('/v2.0/security-groups', token=demo_token).data['security_groups']
    _error(client.delete('/v2.0/security-groups/' + group['id'], token=demo_token),
           409, 'SecurityGroupCannotRemoveDefault')
    _error(client.put('/v2.0/security-groups/' + group['id'],
                      {'security_group': {'name': 'x'}}, token=demo_token),
           409, 'SecurityGroupCannotUpdateDefault')
    _error(client.post('/v2.0/security-groups', {'security_group': {'name': 'Default'}},
                       token=demo_token), 409, 'SecurityGroupDefaultAlreadyExists')
    # an admin may delete it; the project gets a new one when it next needs it
    assert client.delete('/v2.0/security-groups/' + group['id'],
                         token=admin_token).status_int == 204
    (again,) = client.get('/v2.0/security-groups', token=demo_token).data['security_groups']
    assert again['name'] == 'default' and again['id'] != group['id']


def test_group_in_use_by_a_port_and_port_groups(client, demo_token):
    net = client.get('/v2.0/networks?name=private', token=demo_token).data['networks'][0]
    group = client.post('/v2.0/security-groups', {'security_group': {'name': 'g'}},
                        token=demo_token).data['security_group']
    resp = client.post('/v2.0/ports', {'port': {'network_id': net['id'],
                                                'security_groups': [group['id']]}},
                       token=demo_token)
    assert resp.status_int == 201, resp.body
    port = resp.data['port']
    assert port['security_groups'] == [group['id']]
    _error(client.delete('/v2.0/security-groups/' + group['id'], token=demo_token),
           409, 'SecurityGroupInUse')
    _error(client.put('/v2.0/ports/' + port['id'], {'port': {'port_security_enabled': False}},
                      token=demo_token), 409, 'PortSecurityPortHasSecurityGroup')
    resp = client.put('/v2.0/ports/' + port['id'], {'port': {'security_groups': [],
                                                             'port_security_enabled': False}},
                      token=demo_token)
    assert resp.status_int == 200, resp.body
    assert (resp.data['port']['security_groups'], resp.data['port']['port_security_enabled']) \
        == ([], False)
    assert client.delete('/v2.0/security-groups/' + group['id'], token=demo_token).status_int == 204


def test_bulk_create_is_all_or_nothing(client, demo_token):
    (group,) = client.get('/v2.0/security-groups', token=demo_token).data['security_groups']
    body = {'security_group_rules': [
        {'security_group_id': group['id'], 'direction': 'ingress', 'protocol': 'tcp',
         'port_range_min': 80, 'port_range_max': 80},
        {'security_group_id': group['id'], 'direction': 'ingress', 'protocol': 'tcp',
         'port_range_min': 80, 'port_range_max': 80}]}
    _error(client.post('/v2.0/security-group-rules', body, token=demo_token),
           409, 'DuplicateSecurityGroupRuleInPost')
    body['security_group_rules'][1]['port_range_min'] = 443
    body['security_group_rules'][1]['port_range_max'] = 443
    resp = client.post('/v2.0/security-group-rules', body, token=demo_token)
    assert resp.status_int == 201 and len(resp.data['security_group_rules']) == 2


def test_quota_limits_groups(client, demo_token, admin_token, ids):
    project = ids['demo_project_id']
    resp = client.put('/v2.0/quotas/' + project, {'quota': {'security_group': 2}},
                      token=admin_token)
    assert resp.status_int == 200 and resp.data['quota']['security_group'] == 2
    _error(client.put('/v2.0/quotas/' + project, {'quota': {'security_group': 2}},
                      token=demo_token), 403, 'PolicyNotAuthorized')
    assert client.post('/v2.0/security-groups', {'security_group': {'name': 'a'}},
                       token=demo_token).status_int == 201
    resp = client.post('/v2.0/security-groups', {'security_group': {'name': 'b'}},
                       token=demo_token)
    _error(resp, 409, 'OverQuota')
    assert resp.data['NeutronError']['message'] == \
        "Quota exceeded for resources: ['security_group']."
    details = client.get('/v2.0/quotas/%s/details' % project, token=demo_token).data['quota']
    assert details['security_group'] == {'limit': 2, 'used': 2, 'reserved': 0}
    assert client.delete('/v2.0/quotas/' + project, token=admin_token).status_int == 204
    assert client.get('/v2.0/quotas/' + project,
                      token=demo_token).data['quota']['security_group'] == 10
