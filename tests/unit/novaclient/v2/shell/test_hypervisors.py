"""hypervisor-* commands: HTTP calls and printed tables."""


def _value(out, key):
    """The Value cell of a Property/Value row."""
    for line in out.splitlines():
        cells = [c.strip() for c in line.split('|')[1:-1]]
        if cells and cells[0] == key:
            return cells[1]
    raise AssertionError('%s not in %s' % (key, out))


def test_hypervisor_list_show(nova):
    out = nova('hypervisor-list --limit 1 --marker 1')
    nova.assert_called('GET', '/os-hypervisors?limit=1&marker=1')
    assert out.splitlines()[1] == '| ID | Hypervisor hostname | State | Status  |'
    nova('--os-compute-api-version 2.52 hypervisor-list --matching compute')
    nova.assert_called('GET', '/os-hypervisors/compute/search')
    out = nova('--os-compute-api-version 2.52 hypervisor-show 1')
    nova.assert_called('GET', '/os-hypervisors/1')
    assert (_value(out, 'cpu_info_arch'), _value(out, 'service_host')) == ('x86_64', 'compute1')


def test_hypervisor_show_by_name(nova):
    out = nova('--os-compute-api-version 2.52 hypervisor-show compute1')
    nova.assert_called_anytime('GET', '/os-hypervisors/detail')
    assert _value(out, 'hypervisor_hostname') == 'compute1'


def test_hypervisor_servers_uptime_stats(nova):
    out = nova('--os-compute-api-version 2.52 hypervisor-servers compute')
    nova.assert_called('GET', '/os-hypervisors/compute/servers')
    assert out.splitlines()[3] == ('| 12345678-1234-4234-8234-123456789012 | instance-00000001 | 1             '
                                   '| compute1            |')
    nova('hypervisor-servers compute1')
    nova.assert_called('GET', '/os-hypervisors?hypervisor_hostname_pattern=compute1&with_servers=True')
    out = nova('--os-compute-api-version 2.87 hypervisor-uptime 1')
    nova.assert_called('GET', '/os-hypervisors/1/uptime')
    assert _value(out, 'uptime').startswith('08:32:11 up 3 days')
    out = nova('--os-compute-api-version 2.87 hypervisor-stats')
    nova.assert_called('GET', '/os-hypervisors/statistics')
    assert _value(out, 'count') == '2'
    result = nova.run_result('hypervisor-stats')
    assert result.code == 1 and result.err.endswith(
        'ERROR (CommandError): The hypervisor-stats command is not supported in API version 2.88 or later.\n')
