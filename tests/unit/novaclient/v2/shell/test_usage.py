"""usage, usage-list and instance-usage-audit-log commands."""

from tests.unit.novaclient.fixture_data import operator as fx
from tests.unit.novaclient.fixture_data.servers import SERVER_ID


def test_usage_list_follows_pages(nova):
    out = nova('usage-list --start 2026-10-01 --end 2026-11-01')
    nova.assert_called('GET', '/os-simple-tenant-usage?start=2026-10-01T00:00:00&end=2026-11-01T00:00:00'
                              '&marker=%s&detailed=1' % fx.DB_ID)
    lines = out.splitlines()
    assert lines[0] == 'Usage from 2026-10-01 to 2026-11-01:'
    assert lines[4] == '| %s | 2       | 2560.00       | 5.00      | 5.00           |' % fx.PROJECT_ID


def test_usage_for_my_project(nova):
    out = nova('usage --start 2026-10-01 --end 2026-11-01')
    nova.assert_called('GET', '/os-simple-tenant-usage/%s?start=2026-10-01T00:00:00&end=2026-11-01T00:00:00'
                              '&marker=%s' % (fx.PROJECT_ID, SERVER_ID))
    assert out.splitlines()[4] == '| 1       | 1280.00       | 2.50      | 2.50           |'
    nova('--os-compute-api-version 2.39 usage --tenant abc --start 2026-10-01 --end 2026-11-01')
    nova.assert_called('GET', '/os-simple-tenant-usage/abc?start=2026-10-01T00:00:00&end=2026-11-01T00:00:00')


def test_instance_usage_audit_log(nova):
    out = nova('instance-usage-audit-log')
    nova.assert_called('GET', '/os-instance_usage_audit_log')
    assert "| hosts_not_run " in out and "['compute1', 'compute2']" in out
    nova('instance-usage-audit-log --before "2026-11-02 00:00:00"')
    nova.assert_called('GET', '/os-instance_usage_audit_log/2026-11-02%2000%3A00%3A00')
