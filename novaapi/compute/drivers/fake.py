"""The fake hypervisor: every step takes a configured time and always succeeds."""

from novaapi.compute.drivers import base
from novaapi.compute import states
from novaapi import conf

# Build steps share ``[compute] build_time``: spawning takes half, the rest a sixth each.
_BUILD_SHARE = {
    states.SCHEDULING: 1 / 6, states.NETWORKING: 1 / 6, states.BLOCK_DEVICE_MAPPING: 1 / 6,
    states.SPAWNING: 1 / 2,
}

_BOOT_LOG = """\
[    0.000000] Linux version 6.8.0-45-generic (buildd@lcy02-amd64-115) (gcc 13.2.0) #45-Ubuntu SMP
[    0.000000] Command line: BOOT_IMAGE=/vmlinuz-6.8.0-45-generic root=LABEL=cloudimg-rootfs ro console=tty1 console=ttyS0
[    0.000000] BIOS-provided physical RAM map:
[    0.000000] Hypervisor detected: KVM
[    0.004000] Memory: {memory_mb}MB available
[    0.010000] smpboot: Allowing {vcpus} CPUs, 0 hotplug CPUs
[    0.412000] virtio_net virtio1 ens3: renamed from eth0
[    1.204000] EXT4-fs (vda1): mounted filesystem with ordered data mode.
[    2.511000] systemd[1]: Hostname set to <{hostname}>.
[  OK  ] Started Initial cloud-init job (pre-networking).
[  OK  ] Reached target Network.
[    4.120000] cloud-init[612]: Cloud-init v. 24.1.3 running 'init' at {launched}. Up 4.07 seconds.
[    4.200000] cloud-init[612]: ci-info: ++++++++++++++++++++Net device info+++++++++++++++++++++
[    5.930000] cloud-init[701]: Generating public/private ed25519 key pair.
[  OK  ] Started OpenSSH server daemon.
[  OK  ] Reached target Cloud-init target.

Ubuntu 24.04.1 LTS {hostname} ttyS0

{hostname} login: """


class FakeDriver(base.ComputeDriver):
    hypervisor_type = 'fake'
    hypervisor_version = 1000

    def step_duration(self, operation, task_state, instance):
        if operation in ('build', 'unshelve_spawn'):
            return max(conf.CONF.compute.build_time, 0.0) * _BUILD_SHARE.get(task_state, 1 / 6)
        return max(conf.CONF.compute.action_time, 0.0)

    def console_output(self, instance, length=None):
        text = _BOOT_LOG.format(memory_mb=instance.memory_mb, vcpus=instance.vcpus,
                                hostname=instance.hostname or 'server',
                                launched=instance.launched_at or '')
        lines = text.split('\n')
        if length is not None:
            lines = lines[-length:] if length else []
        return '\n'.join(lines)

    def diagnostics(self, instance):
        running = instance.power_state == states.RUNNING
        return {
            'state': {states.RUNNING: 'running', states.PAUSED_POWER: 'paused',
                      states.SHUTDOWN: 'shutdown', states.CRASHED: 'crashed',
                      states.SUSPENDED_POWER: 'suspended'}.get(instance.power_state, 'pending'),
            'driver': 'fake',
            'hypervisor': 'fake',
            'hypervisor_os': 'fake-os',
            'uptime': 46664 if running else 0,
            'config_drive': bool(instance.config_drive),
            'num_cpus': instance.vcpus,
            'num_nics': 1,
            'num_disks': 1,
            'cpu_details': [{'id': i, 'time': 17300000000, 'utilisation': 15}
                            for i in range(instance.vcpus)],
            'nic_details': [{'mac_address': '01:23:45:67:89:ab', 'rx_octets': 2070139,
                             'rx_errors': 0, 'rx_drop': 0, 'rx_packets': 26701, 'rx_rate': None,
                             'tx_octets': 140208, 'tx_errors': 0, 'tx_drop': 0, 'tx_packets': 662,
                             'tx_rate': None}],
            'disk_details': [{'read_bytes': 262144, 'read_requests': 112, 'write_bytes': 5778432,
                              'write_requests': 488, 'errors_count': 1}],
            'memory_details': {'maximum': instance.memory_mb, 'used': instance.memory_mb // 2},
        }
