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
