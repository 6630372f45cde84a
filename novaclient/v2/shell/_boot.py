"""``nova boot``: its arguments and the translation into a create call."""

import argparse
import sys

from novaclient import api_versions
from novaclient import exceptions
from novaclient import utils
from novaclient.v2.shell import common

_V = api_versions.APIVersion

# --block-device keys -> block_device_mapping_v2 keys
BDM2_KEYS = {'id': 'uuid', 'source': 'source_type',
             'dest': 'destination_type', 'bus': 'disk_bus',
             'device': 'device_name', 'size': 'volume_size',
             'format': 'guest_format', 'bootindex': 'boot_index',
             'type': 'device_type', 'shutdown': 'delete_on_termination',
             'tag': 'tag', 'volume_type': 'volume_type'}

_BDM_HELP = ('Block device mapping as comma-separated key=value pairs: '
             'id (UUID of the source), source (image, snapshot, volume or '
             'blank), dest (volume or local), bus, type (disk, cdrom, ...), '
             'device (e.g. vda), size (GiB; MiB for swap), format (e.g. swap, '
             'ext4), bootindex, shutdown (preserve or remove)')
_NIC_HELP = ('Attach a NIC (repeatable): net-id=<uuid> or net-name=<name> '
             'or port-id=<uuid>, optionally v4-fixed-ip/v6-fixed-ip')
_NIC_METAVARS = (
    ('2.0', '2.31', '<net-id=net-uuid,net-name=network-name,'
     'v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr,port-id=port-uuid>', ''),
    ('2.32', '2.36', '<net-id=net-uuid,net-name=network-name,'
     'v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr,port-id=port-uuid,tag=tag>',
     ' and tag'),
    ('2.37', '2.41', '<auto,none,net-id=net-uuid,net-name=network-name,'
     'port-id=port-uuid,v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr>',
     "; or 'auto'/'none' alone to let Nova allocate a network or attach "
     "none"),
    ('2.42', None, '<auto,none,net-id=net-uuid,net-name=network-name,'
     'port-id=port-uuid,v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr,tag=tag>',
     " and tag; or 'auto'/'none' alone to let Nova allocate a network or "
     "attach none"),
)


def _argument_specs():
    """(flags, kwargs) of every boot argument, in help order."""
    kv = common.key_value_pairing
    specs = [
        (('--flavor',), dict(default=None, metavar='<flavor>',
                             help="Flavor name or ID (see 'nova "
                                  "flavor-list').")),
        (('--image',), dict(default=None, metavar='<image>',
                            help='Image name or ID.')),
        (('--image-with',), dict(default=[], type=kv, action='append',
                                 metavar='<key=value>',
                                 help='Pick the image having this property '
                                      '(repeatable).')),
        (('--boot-volume',), dict(default=None, metavar='<volume_id>',
                                  help='Boot from this volume.')),
        (('--snapshot',), dict(default=None, metavar='<snapshot_id>',
                               help='Boot from a new volume made from this '
                                    'snapshot.')),
        (('--min-count',), dict(default=None, type=int, metavar='<number>',
                                help='Create at least this many servers.')),
        (('--max-count',), dict(default=None, type=int, metavar='<number>',
                                help='Create at most this many servers.')),
        (('--meta',), dict(metavar='<key=value>', action='append', default=[],
                           help='Server metadata (repeatable).')),
        (('--file',), dict(metavar='<dst-path=src-path>', action='append',
                           dest='files', default=[], start_version='2.0',
                           end_version='2.56',
                           help='Inject a local file at <dst-path> '
                                '(repeatable, limited by quota).')),
        (('--key-name',), dict(
            default=utils.env('NOVACLIENT_DEFAULT_KEY_NAME') or None,
            metavar='<key-name>',
            help="Keypair to inject (see 'nova keypair-add').")),
        (('name',), dict(metavar='<name>', help='Name of the new server.')),
        (('--user-data',), dict(default=None, metavar='<user-data>',
                                help='File with user data for the metadata '
                                     'service.')),
        (('--availability-zone',), dict(default=None,
                                        metavar='<availability-zone>',
                                        help='Availability zone to boot '
                                             'in.')),
        (('--security-groups',), dict(default=None,
                                      metavar='<security-groups>',
                                      help='Comma-separated security group '
                                           'names.')),
        (('--block-device-mapping',), dict(
            metavar='<dev-name=mapping>', action='append', default=[],
            help='Legacy mapping '
                 '<dev-name>=<id>:<type>:<size(GiB)>:<delete-on-terminate>.')),
        (('--block-device',), dict(
            metavar='key1=value1[,key2=value2...]', action='append',
            default=[], start_version='2.0', end_version='2.66',
            help=_BDM_HELP + ' and, from 2.42, tag.')),
        (('--block-device',), dict(
            metavar='key1=value1[,key2=value2...]', action='append',
            default=[], start_version='2.67',
            help=_BDM_HELP + ', tag and volume_type (for a new volume).')),
        (('--swap',), dict(metavar='<swap_size>', default=None,
                           help='Add a local swap disk of this many MiB.')),
        (('--ephemeral',), dict(metavar='size=<size>[,format=<format>]',
                                action='append', default=[],
                                help='Add a local ephemeral disk of <size> '
                                     'GiB (repeatable).')),
        (('--hint',), dict(action='append', dest='scheduler_hints', type=kv,
                           default=[], metavar='<key=value>',
                           help='Scheduler hint (repeatable).')),
    ]
    for start, end, metavar, extra in _NIC_METAVARS:
        specs.append((('--nic',), dict(
            metavar=metavar, action='append', dest='nics', default=[],
            start_version=start, end_version=end,
            help=_NIC_HELP + extra + '.')))
    specs += [
        (('--config-drive',), dict(metavar='<value>', dest='config_drive',
                                   default=False,
                                   help='Attach a config drive (a boolean).')),
        (('--poll',), dict(dest='poll', action='store_true', default=False,
                           help='Wait and report progress until the server '
                                'is active.')),
        (('--admin-pass',), dict(dest='admin_pass', metavar='<value>',
                                 default=None,
                                 help='Admin password of the server.')),
        (('--access-ip-v4',), dict(dest='access_ip_v4', metavar='<value>',
                                   default=None,
                                   help='IPv4 address to reach the server '
                                        'by.')),
        (('--access-ip-v6',), dict(dest='access_ip_v6', metavar='<value>',
                                   default=None,
                                   help='IPv6 address to reach the server '
                                        'by.')),
        (('--description',), dict(metavar='<description>', dest='description',
                                  default=None, start_version='2.19',
                                  help='Description of the server.')),
        (('--tags',), dict(metavar='<tags>', default=None,
                           start_version='2.52',
                           help='Comma-separated tags: --tags <tag1,tag2>.')),
        (('--return-reservation-id',), dict(
            dest='return_reservation_id', action='store_true', default=False,
            help='Print the reservation ID instead of the server.')),
        (('--trusted-image-certificate-id',), dict(
            metavar='<trusted-image-certificate-id>', action='append',
            dest='trusted_image_certificates', default=[],
            start_version='2.63',
            help='Certificate ID trusted to verify the image signature '
                 '(repeatable). Defaults to '
                 'env[OS_TRUSTED_IMAGE_CERTIFICATE_IDS].')),
        (('--host',), dict(metavar='<host>', dest='host', default=None,
                           start_version='2.74',
                           help='Compute host to boot on (admin).')),
        (('--hypervisor-hostname',), dict(
            metavar='<hypervisor-hostname>', dest='hypervisor_hostname',
            default=None, start_version='2.74',
            help='Hypervisor to boot on (admin).')),
        (('--hostname',), dict(start_version='2.90',
                               help='Hostname for the metadata service (the '
                                    'guest must apply it).')),
    ]
    return specs


def boot_arguments(func):
    for flags, kwargs in reversed(_argument_specs()):
        utils.add_arg(func, *flags, **kwargs)
    return func


def _device_spec(text):
    spec = {}
    for item in text.split(','):
        if '=' not in item:
            raise argparse.ArgumentTypeError(
                "Expected a comma-separated list of key=value pairs. '%s' is "
                "not a key=value pair." % item)
        key, value = item.split('=', 1)
        spec[key] = value
    return spec


def _bdm_from_spec(cs, text):
    spec = _device_spec(text)
    if 'tag' in spec and not (cs.api_version == _V('2.32')
                              or cs.api_version >= _V('2.42')):
        raise exceptions.CommandError(
            "'tag' in block device mapping is not supported in API version "
            "%s." % cs.api_version.get_string())
    if 'volume_type' in spec and cs.api_version < _V('2.67'):
        raise exceptions.CommandError(
            "'volume_type' in block device mapping is not supported in API "
            "version %s." % cs.api_version.get_string())
    bdm = {BDM2_KEYS[key]: value for key, value in spec.items()}
    source = bdm.setdefault('source_type', 'blank')
    if source not in ('volume', 'image', 'snapshot', 'blank'):
        raise exceptions.CommandError(
            "The value of source_type key of --block-device should be one of "
            "'volume', 'image', 'snapshot' or 'blank' but it was '%s'"
            % source)
    dest = bdm.get('destination_type')
    if not dest:
        bdm['destination_type'] = ('local' if source in ('image', 'blank')
                                   else 'volume')
    elif dest not in ('local', 'volume'):
        raise exceptions.CommandError(
            "The value of destination_type key of --block-device should be "
            "either 'local' or 'volume' but it was '%s'" % dest)
    if 'delete_on_termination' in bdm:
        action = bdm['delete_on_termination']
        if action not in ('remove', 'preserve'):
            raise exceptions.CommandError(
                "The value of shutdown key of --block-device shall be either "
                "'remove' or 'preserve' but it was '%s'" % action)
        bdm['delete_on_termination'] = action == 'remove'
    elif bdm['destination_type'] == 'local':
        bdm['delete_on_termination'] = True
    return bdm


def block_device_mapping_v2(cs, args):
    bdms = []
    for volume, source in ((args.boot_volume, 'volume'),
                           (args.snapshot, 'snapshot')):
        if volume:
            bdms.append({'uuid': volume, 'source_type': source,
                         'destination_type': 'volume', 'boot_index': 0,
                         'delete_on_termination': False})
    bdms += [_bdm_from_spec(cs, text) for text in args.block_device]
    for text in args.ephemeral:
        bdm = {'source_type': 'blank', 'destination_type': 'local',
               'boot_index': -1, 'delete_on_termination': True}
        spec = _device_spec(text)
        if 'size' in spec:
            bdm['volume_size'] = spec['size']
        if 'format' in spec:
            bdm['guest_format'] = spec['format']
        bdms.append(bdm)
    if args.swap:
        bdms.append({'source_type': 'blank', 'destination_type': 'local',
                     'boot_index': -1, 'delete_on_termination': True,
                     'guest_format': 'swap', 'volume_size': args.swap})
    return bdms


def _nic_error(cs):
    auto = cs.api_version >= _V('2.37')
    tags = (_V('2.32') <= cs.api_version <= _V('2.36')
            or cs.api_version >= _V('2.42'))
    form = 'auto,none,' if auto else ''
    form += ('net-id=net-uuid,net-name=network-name,v4-fixed-ip=ip-addr,'
             'v6-fixed-ip=ip-addr,port-id=port-uuid')
    if tags:
        form += ',tag=tag'
    msg = ("Invalid nic argument '%%s'. Nic arguments must be of the form "
           "--nic <%s>, with only one of net-id, net-name or port-id "
           "specified." % form)
    if auto:
        msg += (" Specifying a --nic of auto or none cannot be used with any "
                "other --nic value.")
    return msg, auto, tags


def _valid_ip(text, version):
    # deferred: ipaddress costs ~1 ms at start-up; only --nic fixed IPs need it
    import ipaddress
    try:
        return ipaddress.ip_address(text).version == version
    except ValueError:
        return False


def parse_nics(cs, args):
    """``--nic`` values -> list of nic dicts, or 'auto'/'none'."""
    err_msg, supports_auto, supports_tags = _nic_error(cs)
    keys = {'net-id', 'v4-fixed-ip', 'v6-fixed-ip', 'port-id', 'net-name'}
    if supports_tags:
        keys.add('tag')
    auto_or_none = False
    nics = []
    for nic_str in args.nics:
        info = {}
        for kv_str in nic_str.split(','):
            if auto_or_none:
                raise exceptions.CommandError(
                    "'auto' or 'none' cannot be used with any other nic "
                    "arguments")
            if kv_str in ('auto', 'none'):
                if not supports_auto:
                    raise exceptions.CommandError(err_msg % nic_str)
                if info:
                    raise exceptions.CommandError(
                        "'auto' or 'none' cannot be used with any other nic "
                        "arguments")
                nics.append(kv_str)
                auto_or_none = True
                continue
            key, sep, value = kv_str.partition('=')
            if not sep or key not in keys:
                raise exceptions.CommandError(err_msg % nic_str)
            if key == 'net-name':
                key, value = 'net-id', common.find_network_id(cs, value)
            if key in info:
                raise exceptions.CommandError(err_msg % nic_str)
            info[key] = value
        if auto_or_none:
            continue
        if 'v4-fixed-ip' in info and not _valid_ip(info['v4-fixed-ip'], 4):
            raise exceptions.CommandError('Invalid ipv4 address.')
        if 'v6-fixed-ip' in info and not _valid_ip(info['v6-fixed-ip'], 6):
            raise exceptions.CommandError('Invalid ipv6 address.')
        if bool(info.get('net-id')) == bool(info.get('port-id')):
            raise exceptions.CommandError(err_msg % nic_str)
        nics.append(info)
    if not nics:
        return 'auto' if supports_auto else []
    if auto_or_none:
        if len(nics) > 1:
            raise exceptions.CommandError(err_msg % args.nics[-1])
        return nics[0]
    return nics


def _match_image(cs, wanted):
    wanted = set(wanted)
    matched = []
    for image in cs.glance.list():
        props = set()
        for key, value in image.to_dict().items():
            try:
                props.add((key, value))
            except TypeError:
                pass
        if wanted <= props:
            matched.append(image)
    return matched


def _image(cs, args):
    if args.image:
        return common.find_image(cs, args.image)
    if not args.image_with:
        return None
    images = _match_image(cs, args.image_with)
    if not images:
        raise exceptions.CommandError(
            'No images match the property expected by --image-with')
    if len(images) > 1:
        ids = [str(image.id) for image in images]
        print('WARNING: Multiple matching images: %s\nUsing image: %s'
              % (ids, ids[0]), file=sys.stderr)
    return images[0]


def _counts(args):
    min_count = max_count = 1
    if args.min_count is not None:
        if args.min_count < 1:
            raise exceptions.CommandError('min_count should be >= 1')
        min_count = max_count = args.min_count
    if args.max_count is not None:
        if args.max_count < 1:
            raise exceptions.CommandError('max_count should be >= 1')
        max_count = args.max_count
    if (args.min_count is not None and args.max_count is not None
            and args.min_count > args.max_count):
        raise exceptions.CommandError('min_count should be <= max_count')
    return min_count, max_count


def _config_drive(value):
    text = str(value).lower()
    if text in ('true', '1'):
        return True
    if text in ('false', '0', '', 'none'):
        return None
    raise exceptions.CommandError(
        "The value of the '--config-drive' option must be a boolean value.")


def _hints(pairs):
    hints = {}
    for key, value in pairs:
        if key in hints:
            if isinstance(hints[key], str):
                hints[key] = [hints[key]]
            hints[key].append(value)
        else:
            hints[key] = value
    return hints


def _user_data(path):
    return common.read_file(path) if path else None


def build(cs, args):
    """Validate boot arguments; returns (name, image, flavor, kwargs)."""
    if not args.flavor:
        raise exceptions.CommandError('you need to specify a Flavor ID.')
    image = _image(cs, args)
    min_count, max_count = _counts(args)
    flavor = common.find_flavor(cs, args.flavor)
    meta = common.meta_parsing(args.meta)
    files = None
    if cs.api_version < _V('2.57'):
        files = common.read_files(args.files)
    legacy_bdm = dict(item.split('=', 1) for item in
                      args.block_device_mapping)
    bdm_v2 = block_device_mapping_v2(cs, args)
    sources = len([x for x in (image, args.boot_volume, args.snapshot) if x])
    if sources > 1 or (sources == 0 and not (bdm_v2 or legacy_bdm)):
        raise exceptions.CommandError(
            'you need to specify at least one source ID (Image, Snapshot, or '
            'Volume), a block device mapping or provide a set of properties '
            'to match against an image')
    if legacy_bdm and bdm_v2:
        raise exceptions.CommandError(
            "you can't mix old block devices (--block-device-mapping) with "
            "the new ones (--block-device, --boot-volume, --snapshot, "
            "--ephemeral, --swap)")
    kwargs = dict(
        meta=meta, key_name=args.key_name, min_count=min_count,
        max_count=max_count, userdata=_user_data(args.user_data),
        availability_zone=args.availability_zone or None,
        security_groups=(args.security_groups.split(',')
                         if args.security_groups else None),
        block_device_mapping=legacy_bdm, block_device_mapping_v2=bdm_v2,
        nics=parse_nics(cs, args), scheduler_hints=_hints(
            args.scheduler_hints),
        config_drive=_config_drive(args.config_drive),
        admin_pass=args.admin_pass, access_ip_v4=args.access_ip_v4,
        access_ip_v6=args.access_ip_v6,
        reservation_id=args.return_reservation_id)
    _versioned_kwargs(cs, args, kwargs, files)
    return args.name, image, flavor, kwargs


def _versioned_kwargs(cs, args, kwargs, files):
    if 'description' in args:
        kwargs['description'] = args.description
    for attr in ('host', 'hypervisor_hostname', 'hostname'):
        if getattr(args, attr, None):
            kwargs[attr] = getattr(args, attr)
    if getattr(args, 'tags', None):
        kwargs['tags'] = args.tags.split(',')
    if files is not None:
        kwargs['files'] = files
    env_certs = utils.env('OS_TRUSTED_IMAGE_CERTIFICATE_IDS')
    if getattr(args, 'trusted_image_certificates', None):
        kwargs['trusted_image_certificates'] = args.trusted_image_certificates
    elif env_certs:
        if cs.api_version < _V('2.63'):
            raise exceptions.UnsupportedAttribute(
                'OS_TRUSTED_IMAGE_CERTIFICATE_IDS', '2.63')
        kwargs['trusted_image_certificates'] = env_certs.split(',')
