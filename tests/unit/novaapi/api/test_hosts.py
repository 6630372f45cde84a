"""``/os-hosts``: list, show and the zone filter."""

from tests.conftest import sample


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
