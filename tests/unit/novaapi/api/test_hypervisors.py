"""/os-hypervisors: keys per microversion against Nova's samples, usage from the instances, paging."""

import uuid

import pytest

from tests.conftest import sample

DETAIL_SAMPLES = (('2.1', 'os-hypervisors/hypervisors-detail-resp.json'),
                  ('2.28', 'os-hypervisors/v2.28/hypervisors-detail-resp.json'),
                  ('2.33', 'os-hypervisors/v2.33/hypervisors-detail-resp.json'),
                  ('2.53', 'os-hypervisors/v2.53/hypervisors-detail-resp.json'),
                  ('2.88', 'os-hypervisors/v2.88/hypervisors-detail-resp.json'))


@pytest.mark.parametrize('version,path', DETAIL_SAMPLES)
def test_detail_and_show_keys(op, version, path):
    expected = sample(path)['hypervisors'][0]
    found = op.ok('GET', '/os-hypervisors/detail', version=version)['hypervisors']
    assert len(found) == 2
    assert set(found[0]) == set(expected)
    assert set(found[0]['service']) == set(expected['service'])
    shown = op.ok('GET', '/os-hypervisors/%s' % found[0]['id'], version=version)['hypervisor']
    assert set(shown) == set(expected)
    if version == '2.1':
        assert isinstance(found[0]['cpu_info'], str)
    elif version != '2.88':
        assert isinstance(found[0]['cpu_info'], dict)
    else:
        assert found[0]['uptime'].startswith(' ')


def test_index_and_ids(op):
    old = op.ok('GET', '/os-hypervisors')['hypervisors']
    assert set(old[0]) == set(sample('os-hypervisors/hypervisors-list-resp.json')['hypervisors'][0])
    assert [h['hypervisor_hostname'] for h in old] == ['compute1', 'compute2']
    assert isinstance(old[0]['id'], int)
    new = op.ok('GET', '/os-hypervisors', version='2.53')['hypervisors']
    assert uuid.UUID(new[0]['id'])
    resp = op.call('GET', '/os-hypervisors/%s' % old[0]['id'], version='2.53')
    assert resp.data['badRequest']['message'] == 'Invalid uuid %s' % old[0]['id']
    resp = op.call('GET', '/os-hypervisors/abc')
    assert resp.data['itemNotFound']['message'] == "Hypervisor with ID 'abc' could not be found."
    missing = str(uuid.uuid4())
    assert op.call('GET', '/os-hypervisors/' + missing, version='2.53').status_int == 404


def test_demo_is_forbidden(op):
    for path in ('/os-hypervisors', '/os-hypervisors/detail', '/os-hypervisors/statistics',
                 '/os-hypervisors/1', '/os-hypervisors/1/uptime', '/os-hypervisors/comp/search'):
        assert op.call('GET', path, demo=True).status_int == 403, path


def test_usage_follows_the_servers(op):
    before = {h['hypervisor_hostname']: h for h in op.ok('GET', '/os-hypervisors/detail')['hypervisors']}
    assert before['compute1']['memory_mb_used'] == 512 and before['compute1']['running_vms'] == 0
    stats = op.ok('GET', '/os-hypervisors/statistics')['hypervisor_statistics']
    assert set(stats) == set(sample('os-hypervisors/hypervisors-statistics-resp.json')['hypervisor_statistics'])
    assert (stats['count'], stats['vcpus_used'], stats['memory_mb_used']) == (2, 0, 1024)
    server = op.boot()
    host = op.ok('GET', '/servers/' + server)['server']['OS-EXT-SRV-ATTR:host']
    after = {h['hypervisor_hostname']: h for h in op.ok('GET', '/os-hypervisors/detail')['hypervisors']}
    hyp = after[host]
    assert (hyp['vcpus_used'], hyp['memory_mb_used'], hyp['local_gb_used'], hyp['running_vms']) == (1, 1024, 1, 1)
    assert hyp['free_ram_mb'] == hyp['memory_mb'] - 1024
    assert hyp['free_disk_gb'] == hyp['local_gb'] - 1
    stats = op.ok('GET', '/os-hypervisors/statistics')['hypervisor_statistics']
    assert (stats['vcpus_used'], stats['running_vms']) == (1, 1)
    servers = op.ok('GET', '/os-hypervisors/%s/servers' % host)['hypervisors']
    assert servers[0]['servers'][0]['uuid'] == server
    assert servers[0]['servers'][0]['name'].startswith('instance-')
    assert set(op.ok('GET', '/os-hypervisors?with_servers=true', version='2.53')['hypervisors'][0]) >= {
        'hypervisor_hostname', 'id', 'state', 'status'}
    with_servers = op.ok('GET', '/os-hypervisors?with_servers=1', version='2.75')['hypervisors']
    assert all('servers' in h for h in with_servers)


def test_search_servers_uptime_windows(op):
    found = op.ok('GET', '/os-hypervisors/compute/search')['hypervisors']
    assert [h['hypervisor_hostname'] for h in found] == ['compute1', 'compute2']
    resp = op.call('GET', '/os-hypervisors/nothing/search')
    assert resp.data['itemNotFound']['message'] == "No hypervisor matching 'nothing' could be found."
    assert op.call('GET', '/os-hypervisors/compute/search', version='2.53').status_int == 404
    found = op.ok('GET', '/os-hypervisors?hypervisor_hostname_pattern=ute2', version='2.53')['hypervisors']
    assert [h['hypervisor_hostname'] for h in found] == ['compute2']
    resp = op.call('GET', '/os-hypervisors?hypervisor_hostname_pattern=ute2&limit=1', version='2.53')
    assert resp.data['badRequest']['message'].startswith('Paging over hypervisors')
    up = op.ok('GET', '/os-hypervisors/1/uptime')['hypervisor']
    assert set(up) == set(sample('os-hypervisors/hypervisors-uptime-resp.json')['hypervisor'])
    assert op.call('GET', '/os-hypervisors/1/uptime', version='2.88').status_int == 404
    assert op.call('GET', '/os-hypervisors/statistics', version='2.88').status_int == 404


def test_paging(op):
    page = op.ok('GET', '/os-hypervisors?limit=1', version='2.33')
    assert set(page) == set(sample('os-hypervisors/v2.33/hypervisors-list-resp.json'))
    link = page['hypervisors_links'][0]['href']
    assert link.endswith('/os-hypervisors?limit=1&marker=%s' % page['hypervisors'][0]['id'])
    page2 = op.ok('GET', '/os-hypervisors?limit=1&marker=%s' % page['hypervisors'][0]['id'], version='2.33')
    assert page2['hypervisors'][0]['hypervisor_hostname'] == 'compute2'
    resp = op.call('GET', '/os-hypervisors/detail?marker=999', version='2.33')
    assert resp.data['badRequest']['message'] == 'marker [999] not found'
    assert op.call('GET', '/os-hypervisors?foo=1', version='2.53').status_int == 400


def test_forced_down_host_reports_down(op):
    op.ok('PUT', '/os-services/force-down', {'host': 'compute2', 'binary': 'nova-compute', 'forced_down': True},
          version='2.11')
    found = op.ok('GET', '/os-hypervisors/detail', version='2.88')['hypervisors']
    assert [(h['state'], h['uptime'] is None) for h in found] == [('up', False), ('down', True)]
    resp = op.call('GET', '/os-hypervisors/2/uptime')
    assert resp.data['badRequest']['message'] == 'Compute service of compute2 is unavailable at this time.'
