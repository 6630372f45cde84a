"""Server groups through the compute pipeline, and the Python API servers use."""

import uuid

import pytest

from novaapi.compute import quotas
from novaapi.compute import server_groups
from novaapi.db import engine
from novaapi import exception
from tests.conftest import sample

FOLDERS = {'2.1': '', '2.12': '', '2.13': 'v2.13/', '2.15': 'v2.13/', '2.63': 'v2.13/',
           '2.64': 'v2.64/', 'latest': 'v2.64/'}


def _create(compute, token, version=None, **group):
    return compute.request('POST', '/v2.1/os-server-groups', token, body={'server_group': group},
                           version=version)


@pytest.mark.parametrize('version', sorted(FOLDERS))
def test_keys_match_samples(compute, demo_token, version):
    folder = 'os-server-groups/' + FOLDERS[version]
    req = sample(folder + 'server-groups-post-req.json')
    created = compute.request('POST', '/v2.1/os-server-groups', demo_token, body=req, version=version)
    assert created.status_int == 200
    group = created.json['server_group']
    want = sample(folder + 'server-groups-post-resp.json')['server_group']
    assert sorted(group) == sorted(want)
    assert {k: group[k] for k in ('name', 'members')} == {k: want[k] for k in ('name', 'members')}
    if 'rules' in want:
        assert (group['policy'], group['rules']) == (want['policy'], want['rules'])
    else:
        assert (group['policies'], group['metadata']) == (want['policies'], {})
    shown = compute.request('GET', '/v2.1/os-server-groups/%s' % group['id'], demo_token,
                            version=version).json
    assert shown == {'server_group': group}
    listed = compute.request('GET', '/v2.1/os-server-groups', demo_token, version=version).json
    want_list = sample(folder + 'server-groups-list-resp.json')['server_groups'][0]
    assert sorted(listed['server_groups'][0]) == sorted(want_list)
    resp = compute.request('DELETE', '/v2.1/os-server-groups/%s' % group['id'], demo_token,
                           version=version)
    assert resp.status_int == 204 and resp.body == b''


def test_policies_per_version(compute, demo_token):
    resp = _create(compute, demo_token, '2.14', name='g', policies=['soft-affinity'])
    assert resp.status_int == 400
    resp = _create(compute, demo_token, '2.15', name='g', policies=['soft-affinity'])
    assert resp.json['server_group']['policies'] == ['soft-affinity']
    resp = _create(compute, demo_token, '2.1', name='g', policies=['affinity', 'anti-affinity'])
    assert resp.status_int == 400
    resp = _create(compute, demo_token, '2.1', name='g', policies=[])
    assert resp.status_int == 400
    resp = _create(compute, demo_token, '2.64', name='g', policies=['affinity'])
    assert resp.status_int == 400
    resp = _create(compute, demo_token, '2.64', name='g', policy='affinity',
                   rules={'max_server_per_host': 2})
    assert resp.json == {'badRequest': {'code': 400,
                                        'message': 'Only anti-affinity policy supports rules.'}}
    resp = _create(compute, demo_token, '2.64', name='g', policy='anti-affinity',
                   rules={'max_server_per_host': '2'})
    assert resp.json['server_group']['rules'] == {'max_server_per_host': 2}
    for bad in ({'max_server_per_host': 0}, {'max_server_per_host': 'x'}, {'other': 1}):
        resp = _create(compute, demo_token, '2.64', name='g', policy='anti-affinity', rules=bad)
        assert resp.status_int == 400, bad
    # A 2.64 group seen by an older client shows its policy as a list.
    group_id = _create(compute, demo_token, '2.64', name='h', policy='soft-anti-affinity').json[
        'server_group']['id']
    old = compute.request('GET', '/v2.1/os-server-groups/%s' % group_id, demo_token).json
    assert old['server_group']['policies'] == ['soft-anti-affinity']
    for bad_name in ('', ' x', 'x' * 256):
        assert _create(compute, demo_token, name=bad_name, policies=['affinity']).status_int == 400


def test_not_found_and_other_projects(compute, admin_token, demo_token):
    missing = str(uuid.uuid4())
    for method in ('GET', 'DELETE'):
        resp = compute.request(method, '/v2.1/os-server-groups/%s' % missing, demo_token)
        assert resp.json == {'itemNotFound': {'code': 404, 'message':
                             'Instance group %s could not be found.' % missing}}
    admin_group = _create(compute, admin_token, name='a', policies=['affinity']).json['server_group']
    for method, rule in (('GET', 'show'), ('DELETE', 'delete')):
        resp = compute.request(method, '/v2.1/os-server-groups/%s' % admin_group['id'], demo_token)
        assert resp.json == {'forbidden': {'code': 403, 'message':
                             "Policy doesn't allow os_compute_api:os-server-groups:%s to be performed."
                             % rule}}
    demo_group = _create(compute, demo_token, name='d', policies=['affinity']).json['server_group']
    mine = compute.request('GET', '/v2.1/os-server-groups', demo_token).json['server_groups']
    assert [g['id'] for g in mine] == [demo_group['id']]
    # all_projects: admins see every group; others silently get their own.
    every = compute.request('GET', '/v2.1/os-server-groups?all_projects=True', admin_token).json
    assert [g['id'] for g in every['server_groups']] == [admin_group['id'], demo_group['id']]
    own = compute.request('GET', '/v2.1/os-server-groups', admin_token).json
    assert [g['id'] for g in own['server_groups']] == [admin_group['id']]
    mine = compute.request('GET', '/v2.1/os-server-groups?all_projects=1', demo_token).json
    assert [g['id'] for g in mine['server_groups']] == [demo_group['id']]
    # The admin may show and delete any group.
    assert compute.request('GET', '/v2.1/os-server-groups/%s' % demo_group['id'],
                           admin_token).status_int == 200


def test_offset_and_limit(compute, demo_token):
    ids = [_create(compute, demo_token, name='g%d' % i, policies=['affinity']).json['server_group']['id']
           for i in range(4)]

    def page(query):
        body = compute.request('GET', '/v2.1/os-server-groups' + query, demo_token).json
        return [g['id'] for g in body['server_groups']]
    assert page('?limit=2') == ids[:2]
    assert page('?offset=1&limit=2') == ids[1:3]
    assert page('?offset=3') == ids[3:]
    assert page('?limit=0') == ids
    assert compute.request('GET', '/v2.1/os-server-groups?limit=-1', demo_token).status_int == 400
    assert compute.request('GET', '/v2.1/os-server-groups?foo=1', demo_token,
                           version='2.75').status_int == 400


def test_server_groups_quota(compute, demo_token, deployment):
    with engine.transaction() as sess:
        quotas.set_class_limit(sess, 'default', 'server_groups', 1)
    assert _create(compute, demo_token, name='one', policies=['affinity']).status_int == 200
    resp = _create(compute, demo_token, name='two', policies=['affinity'])
    assert resp.json == {'forbidden': {'code': 403,
                                       'message': 'Quota exceeded, too many server groups.'}}


def test_python_api_members(compute, demo_token, deployment):
    group_id = _create(compute, demo_token, '2.64', name='g', policy='anti-affinity',
                       rules={'max_server_per_host': 3}).json['server_group']['id']
    servers = [str(uuid.uuid4()) for _ in range(3)]
    with engine.transaction() as sess:
        group = server_groups.get(sess, None, group_id)
        assert (group.policy, group.rules) == ('anti-affinity', {'max_server_per_host': 3})
        quotas.set_limit(sess, group.project_id, 'server_group_members', 2)
        server_groups.add_member(sess, group, servers[0])
        server_groups.add_member(sess, group, servers[1])
        with pytest.raises(exception.ServerGroupMemberLimitExceeded) as err:
            server_groups.add_member(sess, group, servers[2])
        assert (err.value.code, err.value.message) == (403, 'Quota exceeded, too many servers in group')
        assert server_groups.members(sess, group) == servers[:2]
        assert server_groups.groups_for_instance(sess, servers[0]) == [group_id]
        assert group.members == servers[:2]
    shown = compute.request('GET', '/v2.1/os-server-groups/%s' % group_id, demo_token).json
    assert shown['server_group']['members'] == servers[:2]
    listed = compute.request('GET', '/v2.1/os-server-groups', demo_token).json
    assert listed['server_groups'][0]['members'] == servers[:2]
    with engine.transaction() as sess:
        server_groups.remove_member(sess, servers[0])
        group = server_groups.get(sess, None, group_id)
        assert server_groups.members(sess, group) == servers[1:2]
        assert server_groups.groups_for_instance(sess, servers[0]) == []
        with pytest.raises(exception.InstanceGroupNotFound) as err:
            server_groups.get(sess, None, 'nope')
        assert err.value.message == 'Instance group nope could not be found.'
    # Deleting a group drops its memberships.
    compute.request('DELETE', '/v2.1/os-server-groups/%s' % group_id, demo_token)
    with engine.transaction() as sess:
        assert server_groups.groups_for_instance(sess, servers[1]) == []
