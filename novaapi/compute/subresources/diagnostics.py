"""Server diagnostics from the hypervisor driver, in the 2.48 shape or the older flat one."""

from novaapi.compute import drivers
from novaapi.compute import states as s
from novaapi.compute.subresources import common
from novaapi.db import engine
from novaapi import exception

# The driver names Nova's Diagnostics object knows; a simulated one reports as libvirt.
DRIVERS = ('ironic', 'libvirt', 'vmwareapi', 'xenapi')
POWER_NAMES = {s.NOSTATE: 'pending', s.RUNNING: 'running', s.PAUSED_POWER: 'paused',
               s.SHUTDOWN: 'shutdown', s.CRASHED: 'crashed', s.SUSPENDED_POWER: 'suspended'}


def for_server(ctx, server_id):
    """The diagnostics of the server ``server_id`` (see :func:`_get`)."""
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'os-server-diagnostics')
    return _get(instance)


def _get(instance):
    """The driver's diagnostics (2.48 fields) of a running server.

    :raises exception.InstanceNotReady: no host
    :raises exception.InstanceInvalidState: not running (``power state``)
    """
    if not instance.host:
        raise exception.InstanceNotReady(instance_id=instance.uuid)
    if instance.power_state != s.RUNNING:
        raise common.invalid_state(instance, 'get_diagnostics', 'power state',
                                   POWER_NAMES.get(instance.power_state, instance.power_state))
    diagnostics = dict(drivers.get().diagnostics(instance))
    if diagnostics.get('driver') not in DRIVERS:
        diagnostics['driver'] = 'libvirt'
    return diagnostics


def legacy(diagnostics):
    """The pre-2.48, driver-specific flat dict (libvirt's names) built from the 2.48 fields."""
    flat = {}
    for cpu in diagnostics.get('cpu_details') or []:
        flat['cpu%d_time' % cpu.get('id', 0)] = cpu.get('time')
    flat['memory'] = (diagnostics.get('memory_details') or {}).get('maximum')
    for index, disk in enumerate(diagnostics.get('disk_details') or []):
        name = 'vd' + chr(ord('a') + index)
        flat.update({name + '_read': disk.get('read_bytes'),
                     name + '_read_req': disk.get('read_requests'),
                     name + '_write': disk.get('write_bytes'),
                     name + '_write_req': disk.get('write_requests'),
                     name + '_errors': disk.get('errors_count')})
    for index, nic in enumerate(diagnostics.get('nic_details') or []):
        name = 'vnet%d' % (index + 1)
        for field, key in (('rx_octets', '_rx'), ('rx_drop', '_rx_drop'),
                           ('rx_errors', '_rx_errors'), ('rx_packets', '_rx_packets'),
                           ('tx_octets', '_tx'), ('tx_drop', '_tx_drop'),
                           ('tx_errors', '_tx_errors'), ('tx_packets', '_tx_packets')):
            flat[name + key] = nic.get(field)
    return flat
