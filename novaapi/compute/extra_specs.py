"""Nova's registry of known flavor extra specs and the check that microversion 2.86 adds.

A name is checked against the first registered spec it matches (``{param}`` placeholders
stand for the patterns of ``PARAMETERS``), and its value against that spec's rule.  A name
no spec matches is refused only when its namespace (the part before the first ``:``) is
one the registry knows; a name without a namespace, or in a namespace of its own, is the
operator's business.  The tables are facts read from nova==34.0.0 by
``tools/nova_extra_specs.py``; regenerate them with it when Nova's registry moves.
"""

import functools
import re

from novaapi import exception

PARAMETERS = r"""
filter (:\w+)*
group ([a-zA-Z0-9_-]{1,64})?
key .+
num \d+
resource [A-Z0-9_]+
trait [A-Z0-9_]+"""

SPECS = r"""
accel:device_profile str
aggregate_instance_extra_specs:{key} str
capabilities:id str
capabilities:uuid str
capabilities:service_id str
capabilities:host str
capabilities:vcpus str
capabilities:memory_mb str
capabilities:local_gb str
capabilities:vcpus_used str
capabilities:memory_mb_used str
capabilities:local_gb_used str
capabilities:hypervisor_type str
capabilities:hypervisor_version str
capabilities:hypervisor_hostname str
capabilities:free_ram_mb str
capabilities:free_disk_gb str
capabilities:current_workload str
capabilities:running_vms str
capabilities:disk_available_least str
capabilities:host_ip str
capabilities:mapped str
capabilities:cpu_allocation_ratio str
capabilities:ram_allocation_ratio str
capabilities:disk_allocation_ratio str
capabilities:total_usable_ram_mb str
capabilities:total_usable_disk_gb str
capabilities:disk_mb_used str
capabilities:free_disk_mb str
capabilities:vcpus_total str
capabilities:num_instances str
capabilities:num_io_ops str
capabilities:failed_builds str
capabilities:aggregates str
capabilities:cell_uuid str
capabilities:updated str
capabilities:cpu_info{filter} str
capabilities:metrics{filter} str
capabilities:stats{filter} str
capabilities:numa_topology{filter} str
capabilities:supported_hv_specs{filter} str
capabilities:pci_device_pools{filter} str
capabilities:nodename{filter} str
capabilities:pci_stats{filter} str
capabilities:supported_instances{filter} str
capabilities:limits{filter} str
capabilities:instances{filter} str
hw:cpu_realtime bool
hw:cpu_realtime_mask re:(\^)?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*
hw:hide_hypervisor_id bool
hw:cpu_policy enum:dedicated,shared,mixed
hw:cpu_thread_policy enum:prefer,isolate,require
hw:emulator_threads_policy enum:isolate,share
hw:cpu_dedicated_mask re:\^?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*
hw:mem_page_size re:(large|small|any|\d+([kKMGT]i?)?(b|bit|B)?)
hw:locked_memory bool
hw:numa_nodes int:1
hw:numa_cpus.{num} re:\^?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*
hw:numa_mem.{num} int:1
hw:pci_numa_affinity_policy enum:required,preferred,legacy,socket
hw:cpu_sockets int:1
hw:cpu_cores int:1
hw:cpu_threads int:1
hw:cpu_max_sockets int:1
hw:cpu_max_cores int:1
hw:cpu_max_threads int:1
hw:boot_menu bool
hw:vif_multiqueue_enabled bool
hw:mem_encryption bool
hw:mem_encryption_model enum:amd-sev,amd-sev-es,amd-sev-snp,intel-tdx
hw:pmem re:([a-zA-Z0-9_]+(,)?)+
hw:pmu bool
hw:serial_port_count int:0
hw:tpm_model enum:tpm-tis,tpm-crb
hw:tpm_version enum:1.2,2.0
hw:tpm_secret_security enum:user,host,deployment
hw:watchdog_action enum:none,pause,poweroff,reset,disabled
hw:viommu_model enum:intel,smmuv3,virtio,auto
hw:virtio_packed_ring bool
hw:sound_model enum:sb16,es1370,pcspk,ac97,ich6,ich9,usb,virtio
hw:usb_model enum:none,nec-xhci,qemu-xhci
hw:redirected_usb_ports int:0:15
hw:ephemeral_encryption bool
hw:ephemeral_encryption_format enum:plain,luks,luksv2
hw_rng:allowed bool
hw_rng:rate_bytes int:0
hw_rng:rate_period int:0
hw_video:ram_max_mb int:0
hide_hypervisor_id bool
group_policy enum:isolate,none
os:secure_boot enum:disabled,required
pci_passthrough:alias re:[^:]+:\d+(?:\s*,\s*[^:]+:\d+)*
quota:cpu_limit int:0
quota:cpu_reservation int
quota:cpu_shares_level enum:custom,high,normal,low
quota:cpu_shares_share int:0
quota:memory_limit int:0
quota:memory_reservation int
quota:memory_shares_level enum:custom,high,normal,low
quota:memory_shares_share int:0
quota:disk_io_limit int:0
quota:disk_io_reservation int
quota:disk_io_shares_level enum:custom,high,normal,low
quota:disk_io_shares_share int:0
quota:vif_limit int:0
quota:vif_reservation int
quota:vif_shares_level enum:custom,high,normal,low
quota:vif_shares_share int:0
quota:cpu_shares int:0
quota:cpu_period int:0
quota:cpu_quota int
quota:disk_read_bytes_sec int:0
quota:disk_read_iops_sec int:0
quota:disk_write_bytes_sec int:0
quota:disk_write_iops_sec int:0
quota:disk_total_bytes_sec int:0
quota:disk_total_iops_sec int:0
quota:vif_inbound_average int:0
quota:vif_inbound_peak int:0
quota:vif_inbound_burst int:0
quota:vif_outbound_average int:0
quota:vif_outbound_peak int:0
quota:vif_outbound_burst int:0
resources{group}:VCPU int
resources{group}:MEMORY_MB int
resources{group}:DISK_GB int
resources{group}:PCI_DEVICE int
resources{group}:SRIOV_NET_VF int
resources{group}:NUMA_SOCKET int
resources{group}:NUMA_CORE int
resources{group}:NUMA_THREAD int
resources{group}:NUMA_MEMORY_MB int
resources{group}:IPV4_ADDRESS int
resources{group}:VGPU int
resources{group}:VGPU_DISPLAY_HEAD int
resources{group}:NET_BW_EGR_KILOBIT_PER_SEC int
resources{group}:NET_BW_IGR_KILOBIT_PER_SEC int
resources{group}:PCPU int
resources{group}:MEM_ENCRYPTION_CONTEXT int
resources{group}:FPGA int
resources{group}:PGPU int
resources{group}:NET_PACKET_RATE_KILOPACKET_PER_SEC int
resources{group}:NET_PACKET_RATE_EGR_KILOPACKET_PER_SEC int
resources{group}:NET_PACKET_RATE_IGR_KILOPACKET_PER_SEC int
resources{group}:CUSTOM_{resource} int
trait{group}:CUSTOM_{trait} enum:required,forbidden
vmware:hw_version str
vmware:storage_policy str"""

# trait{group}:<TRAIT>, each 'required' or 'forbidden' (os-traits' standard traits).
TRAITS = """
COMPUTE_ACCELERATORS
COMPUTE_ADDRESS_SPACE_EMULATED
COMPUTE_ADDRESS_SPACE_PASSTHROUGH
COMPUTE_ARCH_AARCH64
COMPUTE_ARCH_MIPSEL
COMPUTE_ARCH_PPC64LE
COMPUTE_ARCH_RISCV64
COMPUTE_ARCH_S390X
COMPUTE_ARCH_X86_64
COMPUTE_CONFIG_DRIVE_REGENERATION
COMPUTE_DEVICE_TAGGING
COMPUTE_EPHEMERAL_ENCRYPTION
COMPUTE_EPHEMERAL_ENCRYPTION_LUKS
COMPUTE_EPHEMERAL_ENCRYPTION_LUKSV2
COMPUTE_EPHEMERAL_ENCRYPTION_PLAIN
COMPUTE_FIRMWARE_BIOS
COMPUTE_FIRMWARE_UEFI
COMPUTE_GRAPHICS_MODEL_BOCHS
COMPUTE_GRAPHICS_MODEL_CIRRUS
COMPUTE_GRAPHICS_MODEL_GOP
COMPUTE_GRAPHICS_MODEL_NONE
COMPUTE_GRAPHICS_MODEL_QXL
COMPUTE_GRAPHICS_MODEL_VGA
COMPUTE_GRAPHICS_MODEL_VIRTIO
COMPUTE_GRAPHICS_MODEL_VMVGA
COMPUTE_GRAPHICS_MODEL_XEN
COMPUTE_IMAGE_TYPE_AKI
COMPUTE_IMAGE_TYPE_AMI
COMPUTE_IMAGE_TYPE_ARI
COMPUTE_IMAGE_TYPE_ISO
COMPUTE_IMAGE_TYPE_PLOOP
COMPUTE_IMAGE_TYPE_QCOW2
COMPUTE_IMAGE_TYPE_RAW
COMPUTE_IMAGE_TYPE_VDI
COMPUTE_IMAGE_TYPE_VHD
COMPUTE_IMAGE_TYPE_VHDX
COMPUTE_IMAGE_TYPE_VMDK
COMPUTE_MANAGED_PCI_DEVICE
COMPUTE_MEM_BACKING_FILE
COMPUTE_MIGRATE_AUTO_CONVERGE
COMPUTE_MIGRATE_POST_COPY
COMPUTE_NET_ATTACH_INTERFACE
COMPUTE_NET_ATTACH_INTERFACE_WITH_TAG
COMPUTE_NET_VIF_MODEL_E1000
COMPUTE_NET_VIF_MODEL_E1000E
COMPUTE_NET_VIF_MODEL_IGB
COMPUTE_NET_VIF_MODEL_LAN9118
COMPUTE_NET_VIF_MODEL_NE2K_PCI
COMPUTE_NET_VIF_MODEL_NETFRONT
COMPUTE_NET_VIF_MODEL_PCNET
COMPUTE_NET_VIF_MODEL_RTL8139
COMPUTE_NET_VIF_MODEL_SPAPR_VLAN
COMPUTE_NET_VIF_MODEL_SRIOV
COMPUTE_NET_VIF_MODEL_VIRTIO
COMPUTE_NET_VIF_MODEL_VMXNET
COMPUTE_NET_VIF_MODEL_VMXNET3
COMPUTE_NET_VIRTIO_PACKED
COMPUTE_NODE
COMPUTE_REMOTE_MANAGED_PORTS
COMPUTE_RESCUE_BFV
COMPUTE_SAME_HOST_COLD_MIGRATE
COMPUTE_SECURITY_STATELESS_FIRMWARE
COMPUTE_SECURITY_TPM_1_2
COMPUTE_SECURITY_TPM_2_0
COMPUTE_SECURITY_TPM_CRB
COMPUTE_SECURITY_TPM_SECRET_SECURITY_DEPLOYMENT
COMPUTE_SECURITY_TPM_SECRET_SECURITY_HOST
COMPUTE_SECURITY_TPM_SECRET_SECURITY_USER
COMPUTE_SECURITY_TPM_TIS
COMPUTE_SECURITY_UEFI_SECURE_BOOT
COMPUTE_SHARE_LOCAL_FS
COMPUTE_SOCKET_PCI_NUMA_AFFINITY
COMPUTE_SOUND_MODEL_AC97
COMPUTE_SOUND_MODEL_ES1370
COMPUTE_SOUND_MODEL_ICH6
COMPUTE_SOUND_MODEL_ICH9
COMPUTE_SOUND_MODEL_PCSPK
COMPUTE_SOUND_MODEL_SB16
COMPUTE_SOUND_MODEL_USB
COMPUTE_SOUND_MODEL_VIRTIO
COMPUTE_STATUS_DISABLED
COMPUTE_STORAGE_BUS_FDC
COMPUTE_STORAGE_BUS_IDE
COMPUTE_STORAGE_BUS_LXC
COMPUTE_STORAGE_BUS_SATA
COMPUTE_STORAGE_BUS_SCSI
COMPUTE_STORAGE_BUS_UML
COMPUTE_STORAGE_BUS_USB
COMPUTE_STORAGE_BUS_VIRTIO
COMPUTE_STORAGE_BUS_XEN
COMPUTE_STORAGE_VIRTIO_FS
COMPUTE_TRUSTED_CERTS
COMPUTE_USB_MODEL_NEC_XHCI
COMPUTE_USB_MODEL_QEMU_XHCI
COMPUTE_VIOMMU_MODEL_AUTO
COMPUTE_VIOMMU_MODEL_INTEL
COMPUTE_VIOMMU_MODEL_SMMUV3
COMPUTE_VIOMMU_MODEL_VIRTIO
COMPUTE_VOLUME_ATTACH
COMPUTE_VOLUME_ATTACH_WITH_TAG
COMPUTE_VOLUME_EXTEND
COMPUTE_VOLUME_MULTI_ATTACH
HW_ARCH_AARCH64
HW_ARCH_ALPHA
HW_ARCH_ARMV6
HW_ARCH_ARMV7
HW_ARCH_ARMV7B
HW_ARCH_CRIS
HW_ARCH_I686
HW_ARCH_IA64
HW_ARCH_LM32
HW_ARCH_M68K
HW_ARCH_MICROBLAZE
HW_ARCH_MICROBLAZEEL
HW_ARCH_MIPS
HW_ARCH_MIPS64
HW_ARCH_MIPS64EL
HW_ARCH_MIPSEL
HW_ARCH_OPENRISC
HW_ARCH_PARISC
HW_ARCH_PARISC64
HW_ARCH_PPC
HW_ARCH_PPC64
HW_ARCH_PPC64LE
HW_ARCH_PPCEMB
HW_ARCH_PPCLE
HW_ARCH_S390
HW_ARCH_S390X
HW_ARCH_SH4
HW_ARCH_SH4EB
HW_ARCH_SPARC
HW_ARCH_SPARC64
HW_ARCH_UNICORE32
HW_ARCH_X86_64
HW_ARCH_XTENSA
HW_ARCH_XTENSAEB
HW_CPU_AARCH64_AES
HW_CPU_AARCH64_ASIMD
HW_CPU_AARCH64_ASIMDDP
HW_CPU_AARCH64_ASIMDHP
HW_CPU_AARCH64_ASIMDRDM
HW_CPU_AARCH64_ATOMICS
HW_CPU_AARCH64_CPUID
HW_CPU_AARCH64_CRC32
HW_CPU_AARCH64_DCPOP
HW_CPU_AARCH64_EVTSTRM
HW_CPU_AARCH64_FCMA
HW_CPU_AARCH64_FP
HW_CPU_AARCH64_FPHP
HW_CPU_AARCH64_JSCVT
HW_CPU_AARCH64_LRCPC
HW_CPU_AARCH64_PMULL
HW_CPU_AARCH64_SHA1
HW_CPU_AARCH64_SHA2
HW_CPU_AARCH64_SHA3
HW_CPU_AARCH64_SHA512
HW_CPU_AARCH64_SM3
HW_CPU_AARCH64_SM4
HW_CPU_AARCH64_SVE
HW_CPU_AMD_SEV
HW_CPU_HYPERTHREADING
HW_CPU_PPC64LE_POWER8
HW_CPU_PPC64LE_POWER9
HW_CPU_X86_3DNOW
HW_CPU_X86_ABM
HW_CPU_X86_AESNI
HW_CPU_X86_AMD_IBPB
HW_CPU_X86_AMD_NO_SSB
HW_CPU_X86_AMD_SEV
HW_CPU_X86_AMD_SEV_ES
HW_CPU_X86_AMD_SEV_SNP
HW_CPU_X86_AMD_SSBD
HW_CPU_X86_AMD_SVM
HW_CPU_X86_AMD_VIRT_SSBD
HW_CPU_X86_AMXBF16
HW_CPU_X86_AMXINT8
HW_CPU_X86_AMXTILE
HW_CPU_X86_ASF
HW_CPU_X86_AVX
HW_CPU_X86_AVX2
HW_CPU_X86_AVX512BITALG
HW_CPU_X86_AVX512BW
HW_CPU_X86_AVX512CD
HW_CPU_X86_AVX512DQ
HW_CPU_X86_AVX512ER
HW_CPU_X86_AVX512F
HW_CPU_X86_AVX512GFNI
HW_CPU_X86_AVX512IFMA
HW_CPU_X86_AVX512PF
HW_CPU_X86_AVX512VAES
HW_CPU_X86_AVX512VBMI
HW_CPU_X86_AVX512VBMI2
HW_CPU_X86_AVX512VL
HW_CPU_X86_AVX512VNNI
HW_CPU_X86_AVX512VPCLMULQDQ
HW_CPU_X86_AVX512VPOPCNTDQ
HW_CPU_X86_BMI
HW_CPU_X86_BMI2
HW_CPU_X86_CLMUL
HW_CPU_X86_F16C
HW_CPU_X86_FMA3
HW_CPU_X86_FMA4
HW_CPU_X86_INTEL_MD_CLEAR
HW_CPU_X86_INTEL_PCID
HW_CPU_X86_INTEL_SPEC_CTRL
HW_CPU_X86_INTEL_SSBD
HW_CPU_X86_INTEL_TDX
HW_CPU_X86_INTEL_VMX
HW_CPU_X86_MMX
HW_CPU_X86_MPX
HW_CPU_X86_PDPE1GB
HW_CPU_X86_SGX
HW_CPU_X86_SHA
HW_CPU_X86_SSE
HW_CPU_X86_SSE2
HW_CPU_X86_SSE3
HW_CPU_X86_SSE41
HW_CPU_X86_SSE42
HW_CPU_X86_SSE4A
HW_CPU_X86_SSSE3
HW_CPU_X86_STIBP
HW_CPU_X86_SVM
HW_CPU_X86_TBM
HW_CPU_X86_TSX
HW_CPU_X86_VMX
HW_CPU_X86_XOP
HW_GPU_API_DIRECT2D
HW_GPU_API_DIRECT3D_V10_0
HW_GPU_API_DIRECT3D_V10_1
HW_GPU_API_DIRECT3D_V11_0
HW_GPU_API_DIRECT3D_V11_1
HW_GPU_API_DIRECT3D_V11_2
HW_GPU_API_DIRECT3D_V11_3
HW_GPU_API_DIRECT3D_V12_0
HW_GPU_API_DIRECT3D_V6_0
HW_GPU_API_DIRECT3D_V7_0
HW_GPU_API_DIRECT3D_V8_0
HW_GPU_API_DIRECT3D_V8_1
HW_GPU_API_DIRECT3D_V9_0
HW_GPU_API_DIRECT3D_V9_0B
HW_GPU_API_DIRECT3D_V9_0C
HW_GPU_API_DIRECT3D_V9_0L
HW_GPU_API_DIRECTX_V10
HW_GPU_API_DIRECTX_V11
HW_GPU_API_DIRECTX_V12
HW_GPU_API_DXVA
HW_GPU_API_OPENCL_V1_0
HW_GPU_API_OPENCL_V1_1
HW_GPU_API_OPENCL_V1_2
HW_GPU_API_OPENCL_V2_0
HW_GPU_API_OPENCL_V2_1
HW_GPU_API_OPENCL_V2_2
HW_GPU_API_OPENGL_V1_1
HW_GPU_API_OPENGL_V1_2
HW_GPU_API_OPENGL_V1_3
HW_GPU_API_OPENGL_V1_4
HW_GPU_API_OPENGL_V1_5
HW_GPU_API_OPENGL_V2_0
HW_GPU_API_OPENGL_V2_1
HW_GPU_API_OPENGL_V3_0
HW_GPU_API_OPENGL_V3_1
HW_GPU_API_OPENGL_V3_2
HW_GPU_API_OPENGL_V3_3
HW_GPU_API_OPENGL_V4_0
HW_GPU_API_OPENGL_V4_1
HW_GPU_API_OPENGL_V4_2
HW_GPU_API_OPENGL_V4_3
HW_GPU_API_OPENGL_V4_4
HW_GPU_API_OPENGL_V4_5
HW_GPU_API_VULKAN
HW_GPU_CUDA_COMPUTE_CAPABILITY_V1_0
HW_GPU_CUDA_COMPUTE_CAPABILITY_V1_1
HW_GPU_CUDA_COMPUTE_CAPABILITY_V1_2
HW_GPU_CUDA_COMPUTE_CAPABILITY_V1_3
HW_GPU_CUDA_COMPUTE_CAPABILITY_V2_0
HW_GPU_CUDA_COMPUTE_CAPABILITY_V2_1
HW_GPU_CUDA_COMPUTE_CAPABILITY_V3_0
HW_GPU_CUDA_COMPUTE_CAPABILITY_V3_2
HW_GPU_CUDA_COMPUTE_CAPABILITY_V3_5
HW_GPU_CUDA_COMPUTE_CAPABILITY_V3_7
HW_GPU_CUDA_COMPUTE_CAPABILITY_V5_0
HW_GPU_CUDA_COMPUTE_CAPABILITY_V5_2
HW_GPU_CUDA_COMPUTE_CAPABILITY_V5_3
HW_GPU_CUDA_COMPUTE_CAPABILITY_V6_0
HW_GPU_CUDA_COMPUTE_CAPABILITY_V6_1
HW_GPU_CUDA_COMPUTE_CAPABILITY_V6_2
HW_GPU_CUDA_COMPUTE_CAPABILITY_V7_0
HW_GPU_CUDA_COMPUTE_CAPABILITY_V7_1
HW_GPU_CUDA_COMPUTE_CAPABILITY_V7_2
HW_GPU_CUDA_SDK_V10_0
HW_GPU_CUDA_SDK_V6_5
HW_GPU_CUDA_SDK_V7_5
HW_GPU_CUDA_SDK_V8_0
HW_GPU_CUDA_SDK_V9_0
HW_GPU_CUDA_SDK_V9_1
HW_GPU_CUDA_SDK_V9_2
HW_GPU_MAX_DISPLAY_HEADS_1
HW_GPU_MAX_DISPLAY_HEADS_2
HW_GPU_MAX_DISPLAY_HEADS_4
HW_GPU_MAX_DISPLAY_HEADS_6
HW_GPU_MAX_DISPLAY_HEADS_8
HW_GPU_RESOLUTION_W1024H600
HW_GPU_RESOLUTION_W1024H768
HW_GPU_RESOLUTION_W1152H864
HW_GPU_RESOLUTION_W1280H1024
HW_GPU_RESOLUTION_W1280H720
HW_GPU_RESOLUTION_W1280H768
HW_GPU_RESOLUTION_W1280H800
HW_GPU_RESOLUTION_W1360H768
HW_GPU_RESOLUTION_W1366H768
HW_GPU_RESOLUTION_W1440H900
HW_GPU_RESOLUTION_W1600H1200
HW_GPU_RESOLUTION_W1600H900
HW_GPU_RESOLUTION_W1680H1050
HW_GPU_RESOLUTION_W1920H1080
HW_GPU_RESOLUTION_W1920H1200
HW_GPU_RESOLUTION_W2560H1440
HW_GPU_RESOLUTION_W2560H1600
HW_GPU_RESOLUTION_W320H240
HW_GPU_RESOLUTION_W3840H2160
HW_GPU_RESOLUTION_W640H480
HW_GPU_RESOLUTION_W7680H4320
HW_GPU_RESOLUTION_W800H600
HW_NIC_ACCEL_DEFLATE
HW_NIC_ACCEL_DIFFIEH
HW_NIC_ACCEL_ECC
HW_NIC_ACCEL_IPSEC
HW_NIC_ACCEL_LZS
HW_NIC_ACCEL_RSA
HW_NIC_ACCEL_SSL
HW_NIC_ACCEL_TLS
HW_NIC_DCB_ETS
HW_NIC_DCB_PFC
HW_NIC_DCB_QCN
HW_NIC_MULTIQUEUE
HW_NIC_OFFLOAD_FDF
HW_NIC_OFFLOAD_GENEVE
HW_NIC_OFFLOAD_GRE
HW_NIC_OFFLOAD_GRO
HW_NIC_OFFLOAD_GSO
HW_NIC_OFFLOAD_L2CRC
HW_NIC_OFFLOAD_LRO
HW_NIC_OFFLOAD_LSO
HW_NIC_OFFLOAD_QINQ
HW_NIC_OFFLOAD_RDMA
HW_NIC_OFFLOAD_RX
HW_NIC_OFFLOAD_RXHASH
HW_NIC_OFFLOAD_RXVLAN
HW_NIC_OFFLOAD_SCS
HW_NIC_OFFLOAD_SG
HW_NIC_OFFLOAD_SWITCHDEV
HW_NIC_OFFLOAD_TCS
HW_NIC_OFFLOAD_TSO
HW_NIC_OFFLOAD_TX
HW_NIC_OFFLOAD_TXUDP
HW_NIC_OFFLOAD_TXVLAN
HW_NIC_OFFLOAD_UCS
HW_NIC_OFFLOAD_UFO
HW_NIC_OFFLOAD_VXLAN
HW_NIC_PROGRAMMABLE_PIPELINE
HW_NIC_SRIOV
HW_NIC_SRIOV_MULTIQUEUE
HW_NIC_SRIOV_QOS_RX
HW_NIC_SRIOV_QOS_TX
HW_NIC_SRIOV_TRUSTED
HW_NIC_VMDQ
HW_NUMA_ROOT
HW_NVME_BES
HW_NVME_CES
HW_NVME_WZS
HW_PCI_LIVE_MIGRATABLE
HW_PCI_ONE_TIME_USE
MISC_SHARES_VIA_AGGREGATE
OWNER_CYBORG
OWNER_NOVA
STORAGE_DISK_HDD
STORAGE_DISK_SSD"""

_TRUE_FALSE = {'1', 't', 'true', 'on', 'y', 'yes', '0', 'f', 'false', 'off', 'n', 'no'}


class _Spec:

    def __init__(self, name, rule, parameters):
        self.name = name
        pattern = name     # a regular expression, as Nova reads it ('.' included)
        for param, param_pattern in parameters.items():
            pattern = pattern.replace('{%s}' % param, '(?P<%s>%s)' % (param, param_pattern))
        self.regex = re.compile(pattern)
        self.namespace = re.compile(pattern.split(':', 1)[0]) if ':' in pattern else None
        self.kind, _, self.arg = rule.partition(':')

    def check(self, value):
        """The reason ``value`` is refused, or None."""
        if self.kind == 'bool':
            if value.strip().lower() not in _TRUE_FALSE:
                return "'%s' is not a valid boolean-like value." % value
        elif self.kind == 'int':
            return _check_int(value, self.arg)
        elif self.kind == 'enum':
            allowed = self.arg.split(',')
            if value not in allowed:
                return "'%s' is not one of: %s." % (value, ', '.join(allowed))
        elif self.kind == 're' and not re.fullmatch(self.arg, value):
            return "'%s' is not of the format '%s'." % (value, self.arg)
        return None


def _check_int(value, bounds):
    try:
        number = int(value)
    except ValueError:
        return "'%s' is not a valid integer value." % value
    low, _, high = bounds.partition(':')
    if high and number > int(high):
        return "'%s' is greater than the max value of '%s'." % (number, high)
    if low and number < int(low):
        return "'%s' is less than the min value of '%s'." % (number, low)
    return None


@functools.lru_cache(maxsize=1)
def _registry():
    parameters = dict(line.split(' ', 1) for line in PARAMETERS.strip().splitlines())
    lines = [line.split(' ', 1) for line in SPECS.strip().splitlines()]
    lines += [['trait{group}:' + trait, 'enum:required,forbidden'] for trait in TRAITS.split()]
    specs = [_Spec(name, rule, parameters) for name, rule in lines]
    exact = {spec.name: spec for spec in specs if '{' not in spec.name}
    namespaces = {spec.namespace.pattern: spec.namespace for spec in specs if spec.namespace}
    return exact, [spec for spec in specs if '{' in spec.name], list(namespaces.values())


def validate(name, value):
    """Check one extra spec as Nova does from microversion 2.86.

    :raises exception.ValidationError: a known spec with a bad value, or an unknown name in
        a namespace the registry knows.
    """
    exact, patterned, namespaces = _registry()
    spec = exact.get(name) or next((s for s in patterned if s.regex.fullmatch(name)), None)
    if spec is not None:
        reason = spec.check(value)
        if reason:
            raise exception.ValidationError('Validation failed; ' + reason)
        return
    if ':' not in name:
        return
    prefix = name.split(':', 1)[0]
    if any(namespace.fullmatch(prefix) for namespace in namespaces):
        raise exception.ValidationError("Validation failed; extra spec '%s' does not appear to "
                                        "be a valid extra spec." % name)
