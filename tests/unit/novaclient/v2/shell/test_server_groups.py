"""server-group-* commands."""


def test_server_group_list(nova):
    out = nova('server-group-list --limit 5')
    nova.assert_called('GET', '/os-server-groups?limit=5')
    assert out.splitlines()[1] == (
        '| Id   | Name | Project Id | User Id | Policy        | Rules       '
        '               | Members                                  |')


def test_server_group_create(nova):
    nova('server-group-create sg1 anti-affinity --rule max_server_per_host=2')
    nova.assert_called('POST', '/os-server-groups', {'server_group': {
        'name': 'sg1', 'policy': 'anti-affinity',
        'rules': {'max_server_per_host': 2}}})
    nova('--os-compute-api-version 2.63 server-group-create sg1 affinity')
    nova.assert_called('POST', '/os-server-groups', {'server_group': {
        'name': 'sg1', 'policies': ['affinity']}})


def test_server_group_delete_partial_failure(nova):
    nova.m.delete('http://nova/v2.1/os-server-groups/nope', status_code=404,
                  json={'itemNotFound': {'code': 404, 'message':
                                         'Instance group not found'}})
    out = nova('server-group-delete sg-1 nope')
    assert out.splitlines()[0] == ('Server group sg-1 has been successfully '
                                   'deleted.')
    assert out.splitlines()[1].startswith('Delete for server group nope '
                                          'failed: Instance group not found')
    result = nova.run_result('server-group-delete nope')
    assert result.err == ('ERROR (CommandError): Unable to delete any of the '
                          'specified server groups.\n')
