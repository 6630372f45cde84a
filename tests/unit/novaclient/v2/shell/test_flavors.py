"""flavor-* commands: HTTP calls and exact tables."""


def test_flavor_list_latest(nova):
    out = nova('flavor-list')
    nova.assert_called('GET', '/flavors/detail')
    assert out == (
        '+----+----------+------------+------+-----------+------+-------+'
        '-----------+-------------+\n'
        '| ID | Name     | Memory_MiB | Disk | Ephemeral | Swap | VCPUs |'
        ' Is_Public | Description |\n'
        '+----+----------+------------+------+-----------+------+-------+'
        '-----------+-------------+\n'
        '| 1  | m1.tiny  | 512        | 1    | 0         | 0    | 1     |'
        ' True      | -           |\n'
        '| 2  | m1.small | 2048       | 20   | 0         | 0    | 1     |'
        ' True      | small one   |\n'
        '+----+----------+------------+------+-----------+------+-------+'
        '-----------+-------------+\n')


def test_flavor_list_2_1_has_rxtx_and_no_description(nova):
    out = nova('--os-compute-api-version 2.1 flavor-list')
    header = out.splitlines()[1]
    assert header == ('| ID | Name     | Memory_MiB | Disk | Ephemeral | Swap |'
                      ' VCPUs | RXTX_Factor | Is_Public |')
    assert nova.last_headers()['X-OpenStack-Nova-API-Version'] == '2.1'
    assert 'OpenStack-API-Version' not in nova.last_headers()


def test_flavor_list_all_and_filters(nova):
    nova('flavor-list --all')
    nova.assert_called('GET', '/flavors/detail?is_public=None')
    nova.m.get(nova.m.request_history[-1].url.split('?')[0]
               + '?limit=1&marker=1&minDisk=2&minRam=3&sort_dir=asc'
               '&sort_key=name', json={'flavors': []})
    nova('flavor-list --limit 1 --marker 1 --min-disk 2 --min-ram 3 '
         '--sort-key name --sort-dir asc')
    nova.assert_called('GET', '/flavors/detail?limit=1&marker=1&minDisk=2'
                              '&minRam=3&sort_dir=asc&sort_key=name')


def test_flavor_list_extra_specs_below_2_61_fetches_each(nova):
    out = nova('--os-compute-api-version 2.60 flavor-list --extra-specs')
    nova.assert_called('GET', '/flavors/2/os-extra_specs')
    assert '{\'hw:cpu_policy\': \'shared\'}' in out


def test_flavor_show_by_id(nova):
    out = nova('flavor-show 1')
    nova.assert_called('GET', '/flavors/1')
    assert out.splitlines()[3] == ('| OS-FLV-DISABLED:disabled   | False'
                                   '   |')
    assert '| extra_specs                | {}      |' in out
    assert 'links' not in out


def test_flavor_show_by_name_lists_all(nova):
    out = nova('flavor-show m1.small')
    calls = [c[:2] for c in nova.compute_calls()]
    assert calls[-3:] == [('GET', '/flavors/m1.small'),
                          ('GET', '/flavors?is_public=None'),
                          ('GET', '/flavors/2')]
    assert '| extra_specs                | {"hw:cpu_policy": "shared"} |' \
        in out


def test_flavor_show_missing(nova):
    result = nova.run_result('flavor-show zz')
    assert result.code == 1
    assert result.err == ("ERROR (CommandError): No flavor with a name or "
                          "ID of 'zz' exists.\n")


def test_flavor_create(nova):
    out = nova('flavor-create m1.new auto 256 5 2 --swap 8 --is-public false')
    nova.assert_called('POST', '/flavors', {'flavor': {
        'name': 'm1.new', 'ram': 256, 'vcpus': 2, 'disk': 5, 'id': None,
        'swap': 8, 'OS-FLV-EXT-DATA:ephemeral': 0,
        'os-flavor-access:is_public': False}})
    assert '| 3  | m1.new | 256        | 5    |' in out


def test_flavor_create_keeps_rxtx_before_2_102(nova):
    nova('--os-compute-api-version 2.101 flavor-create x 9 1 1 1 '
         '--description d')
    body = nova.compute_calls()[-1][2]['flavor']
    assert body['rxtx_factor'] == 1.0 and body['description'] == 'd'


def test_flavor_update_and_delete(nova):
    nova('flavor-update 1 "new desc"')
    nova.assert_called('PUT', '/flavors/1',
                       {'flavor': {'description': 'new desc'}})
    nova('flavor-delete 1')
    nova.assert_called('DELETE', '/flavors/1')


def test_flavor_update_is_versioned(nova):
    result = nova.run_result('--os-compute-api-version 2.54 flavor-update 1 x')
    assert result.code == 2
    assert "invalid choice: 'flavor-update'" in result.err


def test_flavor_key_set_unset(nova):
    nova('flavor-key 1 set k1=v1')
    nova.assert_called('POST', '/flavors/1/os-extra_specs',
                       {'extra_specs': {'k1': 'v1'}})
    nova('flavor-key 1 unset k1')
    nova.assert_called('DELETE', '/flavors/1/os-extra_specs/k1')


def test_flavor_access(nova):
    table = ('+-----------+-----------+\n'
             '| Flavor_ID | Tenant_ID |\n'
             '+-----------+-----------+\n'
             '| aa1       | proj2     |\n'
             '+-----------+-----------+\n')
    assert nova('flavor-access-list --flavor aa1') == table
    assert nova('flavor-access-add aa1 proj2') == table
    nova.assert_called('POST', '/flavors/aa1/action',
                       {'addTenantAccess': {'tenant': 'proj2'}})
    assert nova('flavor-access-remove aa1 proj2') == table
    nova.assert_called('POST', '/flavors/aa1/action',
                       {'removeTenantAccess': {'tenant': 'proj2'}})
    result = nova.run_result('flavor-access-list --flavor 1')
    assert result.err == ('ERROR (CommandError): Access list not available '
                          'for public flavors.\n')
