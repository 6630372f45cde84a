"""Tenant usage: keys against Nova's samples, paging and errors."""

from tests.conftest import sample

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
