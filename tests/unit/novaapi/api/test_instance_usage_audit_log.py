"""The instance usage audit log against Nova's samples."""

from tests.conftest import sample


def test_audit_log(op):
    logs = op.ok('GET', '/os-instance_usage_audit_log')['instance_usage_audit_logs']
    assert set(logs) == set(sample('os-instance-usage-audit-log/inst-usage-audit-log-index-get-resp.json')
                            ['instance_usage_audit_logs'])
    assert (logs['num_hosts'], logs['hosts_not_run'], logs['overall_status']) == (
        2, ['compute1', 'compute2'], '0 of 2 hosts done. 0 errors.')
    shown = op.ok('GET', '/os-instance_usage_audit_log/2012-07-05 10:00:00')['instance_usage_audit_log']
    assert (shown['period_beginning'], shown['period_ending']) == ('2012-06-01 00:00:00', '2012-07-01 00:00:00')
    resp = op.call('GET', '/os-instance_usage_audit_log/yesterday')
    assert resp.data['badRequest']['message'] == 'Invalid timestamp for date yesterday'
    assert op.call('GET', '/os-instance_usage_audit_log', demo=True).status_int == 403
