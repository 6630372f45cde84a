"""instance-action and instance-action-list commands."""

from tests.unit.novaclient.fixture_data import servers as fx


def test_instance_action_list_sorted_by_start(nova):
    out = nova('instance-action-list %s --limit 2' % fx.SERVER_ID)
    nova.assert_called('GET', '/servers/%s/os-instance-actions?limit=2'
                       % fx.SERVER_ID)
    rows = out.splitlines()
    assert rows[1].split('|')[1:6] == [' Action ', ' Request_ID ',
                                       ' Message ', ' Start_Time           '
                                       '      ', ' Updated_At               '
                                       '  ']
    assert rows[3].startswith('| create ')


def test_instance_action_show(nova):
    out = nova('instance-action %s req-a' % fx.SERVER_ID)
    assert "| events        | [{'event': 'compute_build'," in out
