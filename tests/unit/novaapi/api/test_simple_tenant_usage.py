"""Tenant usage, the usage audit log, server external events, os-hosts and extensions."""

import datetime
import uuid

from tests.unit.operator.helpers import sample

PERIOD = '?start=2000-01-01T00:00:00&end=2100-01-01T00:00:00'


def test_tenant_usage(op):
    server = op.boot()
    got = op.ok('GET', '/os-simple-tenant-usage' + PERIOD)['tenant_usages']
    assert len(got) == 1
    assert set(got[0]) == set(sample('os-simple-tenant-usage/simple-tenant-usage-get.json')['tenant_usages'][0])
    detailed = op.ok('GET', '/os-simple-tenant-usage' + PERIOD + '&detailed=1')['tenant_usages'][0]
    usage = detailed['server_usages'][0]
    expected = sample('os-simple-tenant-usage/simple-tenant-usage-get-detail.json')['tenant_usages'][0]
    assert set(usage) == set(expected['server_usages'][0])
    assert (usage['instance_id'], usage['flavor'], usage['state'], usage['vcpus']) == (
        server, 'm1.tiny', 'active', 1)
    project = detailed['tenant_id']
    shown = op.ok('GET', '/os-simple-tenant-usage/%s%s' % (project, PERIOD))['tenant_usage']
    assert set(shown) == set(sample('os-simple-tenant-usage/simple-tenant-usage-get-specific.json')['tenant_usage'])
    assert op.call('GET', '/os-simple-tenant-usage/%s%s' % (project, PERIOD), demo=True).status_int == 200
    assert op.call('GET', '/os-simple-tenant-usage' + PERIOD, demo=True).status_int == 403
    assert op.call('GET', '/os-simple-tenant-usage/other' + PERIOD, demo=True).status_int == 403
    empty = op.ok('GET', '/os-simple-tenant-usage/nobody' + PERIOD)
    assert empty == {'tenant_usage': {}}


def test_tenant_usage_paging_and_errors(op):
    first = op.boot('a')
    op.boot('b')
    page = op.ok('GET', '/os-simple-tenant-usage' + PERIOD + '&limit=1', version='2.40')
    assert page['tenant_usages_links'][0]['href'].split('marker=')[1].startswith(first)
    page2 = op.ok('GET', '/os-simple-tenant-usage' + PERIOD + '&detailed=1&limit=1&marker=' + first,
                  version='2.40')
    assert page2['tenant_usages'][0]['server_usages'][0]['name'] == 'b'
    resp = op.call('GET', '/os-simple-tenant-usage?start=2100-01-01T00:00:00&end=2000-01-01T00:00:00')
    assert resp.data['badRequest']['message'] == (
        'Invalid start time. The start time cannot occur after the end time.')
    resp = op.call('GET', '/os-simple-tenant-usage?start=yesterday')
    assert resp.data['badRequest']['message'] == 'Invalid datetime string: Datetime is in invalid format'
    resp = op.call('GET', '/os-simple-tenant-usage' + PERIOD + '&marker=nope', version='2.40')
    assert resp.data['badRequest']['message'] == 'Marker nope could not be found.'
    assert op.call('GET', '/os-simple-tenant-usage' + PERIOD + '&foo=1', version='2.75').status_int == 400


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


def test_external_events(op):
    server = op.boot()
    missing = str(uuid.uuid4())
    body = {'events': [{'name': 'network-changed', 'server_uuid': server, 'tag': 'foo'}]}
    got = op.ok('POST', '/os-server-external-events', body)
    assert got == {'events': [{'name': 'network-changed', 'server_uuid': server, 'tag': 'foo',
                               'status': 'completed', 'code': 200}]}
    assert set(got['events'][0]) == set(sample('os-server-external-events/event-create-resp.json')['events'][0])
    body = {'events': [{'name': 'network-vif-plugged', 'server_uuid': missing},
                       {'name': 'power-update', 'server_uuid': server}]}
    resp = op.call('POST', '/os-server-external-events', body, version='2.76')
    assert resp.status_int == 207
    assert [(e['status'], e['code']) for e in resp.data['events']] == [('failed', 404), ('failed', 400)]
    assert op.call('POST', '/os-server-external-events', body, version='2.75').status_int == 400
    off = {'events': [{'name': 'power-update', 'server_uuid': server, 'tag': 'POWER_OFF'}]}
    assert op.call('POST', '/os-server-external-events', off, version='2.76').status_int == 200
    shown = op.ok('GET', '/servers/' + server)['server']
    assert (shown['status'], shown['OS-EXT-STS:power_state']) == ('SHUTOFF', 4)
    assert op.call('POST', '/os-server-external-events', off, version='2.76', demo=True).status_int == 403


def test_os_hosts(op):
    hosts = op.ok('GET', '/os-hosts')['hosts']
    assert set(hosts[0]) == set(sample('os-hosts/hosts-list-resp.json')['hosts'][0])
    assert [(h['host_name'], h['service'], h['zone']) for h in hosts] == [
        ('controller', 'scheduler', 'internal'), ('controller', 'conductor', 'internal'),
        ('compute1', 'compute', 'nova'), ('compute2', 'compute', 'nova')]
    assert [h['host_name'] for h in op.ok('GET', '/os-hosts?zone=nova')['hosts']] == ['compute1', 'compute2']
    shown = op.ok('GET', '/os-hosts/compute1')['host']
    assert [r['resource']['project'] for r in shown] == ['(total)', '(used_now)', '(used_max)']
    assert set(shown[0]['resource']) == set(sample('os-hosts/host-get-resp.json')['host'][0]['resource'])
    resp = op.call('GET', '/os-hosts/nowhere')
    assert resp.data['itemNotFound']['message'] == "Host 'nowhere' is not mapped to any cell"
    got = op.ok('PUT', '/os-hosts/compute1', {'status': 'disable', 'maintenance_mode': 'enable'})
    assert got == {'host': 'compute1', 'status': 'disabled', 'maintenance_mode': 'on_maintenance'}
    assert 'compute1' not in [h['host_name'] for h in op.ok('GET', '/os-hosts')['hosts']]
    for action in ('reboot', 'shutdown', 'startup'):
        assert op.ok('GET', '/os-hosts/compute2/' + action) == {'host': 'compute2', 'power_action': action}
    assert op.call('GET', '/os-hosts', version='2.43').status_int == 404
    assert op.call('GET', '/os-hosts', demo=True).status_int == 403


def test_extensions(op):
    listed = op.ok('GET', '/extensions')['extensions']
    assert listed == sample('extension-info/extensions-list-resp.json')['extensions']
    got = op.call('GET', '/extensions/os-agents', demo=True)
    assert got.status_int == 200 and got.data == sample('extension-info/extensions-get-resp.json')
    assert op.call('GET', '/extensions/nope').status_int == 404


def test_audit_period_wraps_the_year():
    from novaapi.compute import host_admin
    assert host_admin.audit_period(datetime.datetime(2026, 1, 15)) == (
        datetime.datetime(2025, 12, 1), datetime.datetime(2026, 1, 1))
    assert host_admin.audit_period(datetime.datetime(2026, 3, 1)) == (
        datetime.datetime(2026, 1, 1), datetime.datetime(2026, 2, 1))
