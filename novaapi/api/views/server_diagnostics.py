"""Server diagnostics in the 2.48 standard shape: every field present, None when unknown."""

PRIMITIVE = ('state', 'driver', 'hypervisor', 'hypervisor_os', 'uptime', 'config_drive',
             'num_cpus', 'num_nics', 'num_disks')
LISTS = {
    'disk_details': ('read_bytes', 'read_requests', 'write_bytes', 'write_requests',
                     'errors_count'),
    'cpu_details': ('id', 'time', 'utilisation'),
    'nic_details': ('mac_address', 'rx_octets', 'rx_errors', 'rx_drop', 'rx_packets', 'rx_rate',
                    'tx_octets', 'tx_errors', 'tx_drop', 'tx_packets', 'tx_rate'),
}
OBJECTS = {'memory_details': ('maximum', 'used')}


def standard(diagnostics):
    view = {field: diagnostics.get(field) for field in PRIMITIVE}
    for name, fields in LISTS.items():
        view[name] = [{field: item.get(field) for field in fields}
                      for item in diagnostics.get(name) or []]
    for name, fields in OBJECTS.items():
        view[name] = {field: (diagnostics.get(name) or {}).get(field) for field in fields}
    return view
