"""server-share-* (2.97+): HTTP calls, tables and version gating."""

from tests.unit.novaclient import fixture_data
from tests.unit.novaclient.fixture_data import servers as server_data

SID = server_data.SERVER_ID
SHARE = 'e8debdc0-447a-4376-a10a-4cd9122d7986'
BASE = '/servers/%s/shares' % SID


def test_share_commands(nova):
    item = {'share_id': SHARE, 'status': 'inactive', 'tag': 'data'}
    nova.m.get(fixture_data.url(BASE), json={'shares': [item]})
    nova.m.post(fixture_data.url(BASE), json={'share': item})
    nova.m.get(fixture_data.url(BASE + '/' + SHARE), json={'share': item})
    nova.m.delete(fixture_data.url(BASE + '/' + SHARE), status_code=200)
    out = nova('server-share-list %s' % SID)
    nova.assert_called('GET', BASE)
    assert out.splitlines()[1] == '| Share ID                             | Status   | Tag  |'
    assert SHARE in out.splitlines()[3]
    nova('server-share-create %s %s --tag data' % (SID, SHARE))
    nova.assert_called('POST', BASE, {'share': {'share_id': SHARE, 'tag': 'data'}})
    assert '| status   | inactive ' in nova('server-share-show %s %s' % (SID, SHARE))
    nova('server-share-delete %s %s' % (SID, SHARE))
    nova.assert_called('DELETE', BASE + '/' + SHARE)


def test_share_commands_need_2_97(nova):
    result = nova.run_result('--os-compute-api-version 2.96 server-share-list %s' % SID)
    assert result.code == 2 and "invalid choice: 'server-share-list'" in result.err
    assert "Supported by API versions '2.97'" in nova('help server-share-create')


def test_flavor_list_name_at_2_102(nova):
    nova('flavor-list --name m1.tiny')
    nova.assert_called('GET', '/flavors/detail?name=m1.tiny')
    result = nova.run_result('--os-compute-api-version 2.101 flavor-list --name m1.tiny')
    assert result.code == 2


def test_unshelve_unpins_and_picks_a_host(nova):
    action = '/servers/%s/action' % SID
    nova.m.post(fixture_data.url(action), status_code=202)
    nova('unshelve --no-availability-zone --host compute2 %s' % SID)
    nova.assert_called('POST', action, {'unshelve': {'availability_zone': None,
                                                     'host': 'compute2'}})
    nova('--os-compute-api-version 2.77 unshelve --availability-zone az1 %s' % SID)
    nova.assert_called('POST', action, {'unshelve': {'availability_zone': 'az1'}})
    assert nova.run_result('--os-compute-api-version 2.90 unshelve --host h %s' % SID).code == 2


def test_update_pins_and_unpins_the_zone_at_2_104(nova):
    path = '/servers/%s' % SID
    nova.m.put(fixture_data.url(path), json={'server': {'id': SID}})
    nova('update --no-pinned-availability-zone %s' % SID)
    nova.assert_called('PUT', path, {'server': {'pinned_availability_zone': None}})
    nova('update --pinned-availability-zone az1 %s' % SID)
    nova.assert_called('PUT', path, {'server': {'pinned_availability_zone': 'az1'}})
    result = nova.run_result('update --pinned-availability-zone a --no-pinned-availability-zone %s'
                             % SID)
    assert result.code == 2
    assert nova.run_result('--os-compute-api-version 2.103 update --pinned-availability-zone a %s'
                           % SID).code == 2
