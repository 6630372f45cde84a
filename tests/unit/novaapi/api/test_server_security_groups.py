"""The security groups of a server."""

from tests.conftest import sample


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


def _names(servers, uuid):
    listed = servers.sub('GET', uuid, 'os-security-groups').json_body_or_none['security_groups']
    shown = [g['name'] for g in servers.get(uuid).get('security_groups', [])]
    return sorted(g['name'] for g in listed), sorted(shown)


def test_add_and_remove_security_group_change_the_ports(servers):
    from novaapi import context
    from novaapi.network import security_groups
    uuid = servers.boot()
    ctx = context.RequestContext('u', servers.project_of(uuid), ['member', 'reader'])
    web = security_groups.create_security_group(ctx, {'name': 'web'})
    assert _names(servers, uuid) == (['default'], ['default'])
    resp = servers.action(uuid, {'addSecurityGroup': {'name': 'web'}})
    assert resp.status_int == 202, resp.body
    assert _names(servers, uuid) == (['default', 'web'], ['default', 'web'])
    resp = servers.action(uuid, {'addSecurityGroup': {'name': web.id}})
    assert resp.status_int == 400
    resp = servers.action(uuid, {'removeSecurityGroup': {'name': 'default'}})
    assert resp.status_int == 202, resp.body
    assert _names(servers, uuid) == (['web'], ['web'])
    resp = servers.action(uuid, {'removeSecurityGroup': {'name': 'default'}})
    assert resp.status_int == 400
    resp = servers.action(uuid, {'addSecurityGroup': {'name': 'nosuch'}})
    assert resp.status_int == 404
    assert 'is not found for project' in resp.json_body_or_none['itemNotFound']['message']
    # Nova's schema sets no length: a name longer than any group's is simply not found
    resp = servers.action(uuid, {'addSecurityGroup': {'name': 'x' * 300}})
    assert resp.status_int == 404, resp.body


def test_server_without_ports_lists_no_groups(servers):
    uuid = servers.boot(networks='none')
    assert _names(servers, uuid) == ([], [])
    assert servers.action(uuid, {'addSecurityGroup': {'name': 'default'}}).status_int == 404


def test_boot_puts_the_ports_in_the_requested_groups(servers):
    from novaapi import context
    from novaapi.network import security_groups
    first = servers.boot()
    ctx = context.RequestContext('u', servers.project_of(first), ['member', 'reader'])
    security_groups.create_security_group(ctx, {'name': 'web'})
    uuid = servers.boot(security_groups=[{'name': 'web'}])
    assert _names(servers, uuid) == (['web'], ['web'])
