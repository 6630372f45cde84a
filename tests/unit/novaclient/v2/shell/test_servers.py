"""Server commands: the HTTP calls they make and what they print."""

import pytest

from tests.unit.novaclient.fixture_data import servers as fx

SID = fx.SERVER_ID
ACTION = '/servers/%s/action' % SID

LIST = """\
+--------------------------------------+---------------+---------+------------+-------------+------------------+
| ID                                   | Name          | Status  | Task State | Power State | Networks         |
+--------------------------------------+---------------+---------+------------+-------------+------------------+
| a2b4c6d8-1111-4222-8333-944455566677 | db-1          | SHUTOFF | -          | Shutdown    | private=10.0.0.5 |
| 12345678-1234-4234-8234-123456789012 | sample-server | ACTIVE  | -          | Running     | private=10.0.0.5 |
+--------------------------------------+---------------+---------+------------+-------------+------------------+
"""


def test_list(nova):
    assert nova('list') == LIST
    nova.assert_called('GET', '/servers/detail')


def test_list_filters_and_sort(nova):
    nova.m.get('http://nova/v2.1/servers/detail?name=web&sort_dir=asc'
               '&sort_key=name&status=ACTIVE&tags=a%2Cb', json={'servers': []})
    out = nova('list --name web --status ACTIVE --tags a,b --sort name:asc')
    nova.assert_called('GET', '/servers/detail?name=web&sort_dir=asc'
                              '&sort_key=name&status=ACTIVE&tags=a%2Cb')
    assert out.count('\n') == 4


def test_list_limit_minus_one_pages(nova):
    page = 'http://nova/v2.1/servers/detail'
    nova.m.get(page, json={'servers': fx.SERVERS[:1]})
    nova.m.get(page + '?marker=' + SID, json={'servers': fx.SERVERS[1:]})
    nova.m.get(page + '?marker=' + fx.DB_ID, json={'servers': []})
    out = nova('list --limit -1')
    assert 'db-1' in out and 'sample-server' in out
    paths = [c[1] for c in nova.compute_calls()]
    assert paths[-2:] == ['/servers/detail?marker=' + SID,
                          '/servers/detail?marker=' + fx.DB_ID]


def test_list_minimal_and_fields(nova):
    out = nova('list --minimal')
    nova.assert_called('GET', '/servers')
    assert out.splitlines()[1] == ('| ID                                   | '
                                   'Name          |')
    out = nova('list --fields name,flavor:original_name')
    assert out.splitlines()[1].split('|')[2:4] == [
        ' Name          ', ' flavor: Original Name ']
    result = nova.run_result('list --fields bogus')
    assert result.err == ("ERROR (CommandError): Non-existent fields are "
                          "specified: ['bogus']\n")


def test_list_all_tenants_adds_tenant_column(nova):
    nova.m.get('http://nova/v2.1/servers/detail?all_tenants=1',
               json={'servers': fx.SERVERS})
    out = nova('list --all-tenants')
    assert '| Tenant ID |' in out.splitlines()[1]


def test_show_by_name(nova):
    out = nova('show sample-server')
    calls = [c[:2] for c in nova.compute_calls()]
    assert calls[-2:] == [('GET', '/servers?name=sample-server'),
                          ('GET', '/servers/' + SID)]
    assert ('| image                       | cirros-0.6.2 '
            '(0b6a4c2e-7f3e-4a9c-8d2b-5e6f7a8b9c0d) |') in out
    assert '| private network             | 10.0.0.5' in out
    assert '| flavor:original_name        | m1.tiny' in out
    assert '| security_groups             | default' in out
    assert 'links' not in out and 'addresses' not in out


def test_show_boot_from_volume_and_minimal(nova):
    out = nova('show db-1 --minimal')
    assert 'Attempt to boot from volume - no image supplied' in out
    assert '| flavor                      | m1.tiny' in out


def test_show_missing(nova):
    result = nova.run_result('show nosuch')
    assert result.err == ("ERROR (CommandError): No server with a name or ID "
                          "of 'nosuch' exists.\n")
    assert [c[1] for c in nova.compute_calls()][-2:] == [
        '/servers?name=nosuch', '/servers?name=nosuch']


def test_show_old_microversion_looks_up_flavor(nova):
    server = dict(fx.SERVERS[0], flavor={'id': '1', 'links': []})
    nova.m.get('http://nova/v2.1/servers/' + SID, json={'server': server})
    out = nova('--os-compute-api-version 2.46 show ' + SID)
    assert '| flavor                      | m1.tiny (1)' in out


def test_boot(nova):
    nova('boot --flavor 1 --image cirros-0.6.2 --meta a=b --nic '
         'net-name=private --key-name k vm1')
    nova.assert_called_anytime('POST', '/servers', {'server': {
        'name': 'vm1', 'imageRef': fx.IMAGE_ID, 'flavorRef': '1',
        'min_count': 1, 'max_count': 1, 'metadata': {'a': 'b'},
        'key_name': 'k', 'networks': [{'uuid': fx.NET_ID}]}})


def test_boot_defaults_to_auto_network_and_bdm(nova):
    nova('boot --flavor 1 --boot-volume vol-1 --swap 512 vm1')
    body = [c for c in nova.compute_calls() if c[:2] == ('POST', '/servers')
            ][0][2]['server']
    assert body['networks'] == 'auto' and body['imageRef'] == ''
    assert body['block_device_mapping_v2'] == [
        {'uuid': 'vol-1', 'source_type': 'volume',
         'destination_type': 'volume', 'boot_index': 0,
         'delete_on_termination': False},
        {'source_type': 'blank', 'destination_type': 'local',
         'boot_index': -1, 'delete_on_termination': True,
         'guest_format': 'swap', 'volume_size': '512'}]


@pytest.mark.parametrize('cmdline,message', [
    ('boot vm1', 'you need to specify a Flavor ID.'),
    ('boot --flavor 1 vm1', 'you need to specify at least one source ID '
     '(Image, Snapshot, or Volume), a block device mapping or provide a set '
     'of properties to match against an image'),
    ('boot --flavor 1 --image cirros-0.6.2 --nic auto,net-id=x vm1',
     "'auto' or 'none' cannot be used with any other nic arguments"),
    ('boot --flavor 1 --image cirros-0.6.2 --min-count 0 vm1',
     'min_count should be >= 1'),
])
def test_boot_errors(nova, cmdline, message):
    result = nova.run_result(cmdline)
    assert (result.code, result.err) == (1, 'ERROR (CommandError): %s\n'
                                         % message)


def test_boot_poll(nova, monkeypatch):
    monkeypatch.setattr('time.sleep', lambda seconds: None)
    building = dict(fx.SERVERS[0], status='BUILD', progress=40)
    nova.m.get('http://nova/v2.1/servers/' + SID, [
        {'json': {'server': fx.SERVERS[0]}},
        {'json': {'server': building}},
        {'json': {'server': fx.SERVERS[0]}}])
    out = nova('boot --flavor 1 --image cirros-0.6.2 --poll vm1')
    assert out.endswith('+\n\n\rServer building... 40% complete'
                        '\rServer building... 100% complete\nFinished\n')


def test_start_stop_delete_many(nova):
    out = nova('stop sample-server db-1')
    assert out == ('Request to stop server sample-server has been '
                   'accepted.\nRequest to stop server db-1 has been '
                   'accepted.\n')
    out = nova('reboot sample-server')
    assert out == ('Request to reboot server sample-server (%s) has been '
                   'accepted.\n' % SID)
    nova.assert_called_anytime('POST', '/servers/%s/action' % fx.DB_ID,
                               {'os-stop': None})
    result = nova.run_result('delete nosuch sample-server')
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "No server with a name or ID of 'nosuch' exists.")
    assert result.err == ('ERROR (CommandError): Unable to delete the '
                          'specified server(s).\n')
    nova.assert_called('DELETE', '/servers/' + SID)


def test_update_meta_rebuild(nova):
    nova('update sample-server --name new --description d')
    nova.assert_called('PUT', '/servers/' + SID,
                       {'server': {'name': 'new', 'description': 'd'}})
    nova('meta sample-server set k=v')
    nova.assert_called('POST', '/servers/%s/metadata' % SID,
                       {'metadata': {'k': 'v'}})
    nova('meta sample-server delete k')
    nova.assert_called('DELETE', '/servers/%s/metadata/k' % SID)
    nova.m.post('http://nova/v2.1' + ACTION, json={'server': fx.SERVERS[0]})
    out = nova('rebuild sample-server cirros-0.6.2 --name r')
    nova.assert_called_anytime('POST', ACTION, {'rebuild': {
        'imageRef': fx.IMAGE_ID, 'name': 'r', 'description': None}})
    assert '| name ' in out
