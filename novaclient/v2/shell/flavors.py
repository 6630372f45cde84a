"""Flavor, flavor extra spec and flavor access commands."""

from novaclient import api_versions
from novaclient import exceptions
from novaclient import utils
from novaclient.v2.shell import common

ACCESS_COLUMNS = ['Flavor_ID', 'Tenant_ID']


def _extra_specs(flavor):
    try:
        return flavor.get_keys()
    except exceptions.NotFound:
        return 'N/A'


def print_flavor_list(cs, flavors, show_extra_specs=False):
    common.translate_keys(flavors, [('ram', 'memory_mib')])
    headers = ['ID', 'Name', 'Memory_MiB', 'Disk', 'Ephemeral', 'Swap',
               'VCPUs', 'RXTX_Factor', 'Is_Public']
    if cs.api_version >= api_versions.APIVersion('2.102'):
        # NOTE: Nova 2.102 dropped rxtx_factor; don't print an empty column.
        headers.remove('RXTX_Factor')
    formatters = {}
    if show_extra_specs:
        if cs.api_version < api_versions.APIVersion('2.61'):
            formatters['extra_specs'] = _extra_specs
        headers.append('extra_specs')
    if cs.api_version >= api_versions.APIVersion('2.55'):
        headers.append('Description')
    utils.print_list(flavors, headers, formatters)


def print_flavor(flavor):
    info = flavor.to_dict()
    info.pop('links', None)
    if 'extra_specs' not in info:
        info['extra_specs'] = _extra_specs(flavor)
    utils.print_dict(info)


@utils.arg('--extra-specs', dest='extra_specs', action='store_true',
           default=False, help='Also show the extra specs of each flavor.')
@utils.arg('--all', dest='all', action='store_true', default=False,
           help='Include private flavors of every project (admin).')
@utils.arg('--marker', dest='marker', metavar='<marker>', default=None,
           help='Start after the flavor with this ID.')
@utils.arg('--min-disk', dest='min_disk', metavar='<min-disk>', default=None,
           help='Only flavors with at least this much disk (GiB).')
@utils.arg('--min-ram', dest='min_ram', metavar='<min-ram>', default=None,
           help='Only flavors with at least this much RAM (MiB).')
@utils.arg('--limit', dest='limit', metavar='<limit>', type=int,
           default=None,
           help='Return at most this many flavors (the server caps it at '
                'its [api]max_limit).')
@utils.arg('--sort-key', dest='sort_key', metavar='<sort-key>', default=None,
           help='Attribute to sort by.')
@utils.arg('--sort-dir', dest='sort_dir', metavar='<sort-dir>', default=None,
           help='Sort direction: asc or desc.')
@utils.arg('--name', dest='name', metavar='<name>', default=None,
           start_version='2.102',
           help='Only the flavors with exactly this name.')
def do_flavor_list(cs, args):
    """List the flavors (server sizes) available."""
    kwargs = {}
    if getattr(args, 'name', None):
        kwargs['name'] = args.name
    if args.all:
        flavors = cs.flavors.list(is_public=None, min_disk=args.min_disk,
                                  min_ram=args.min_ram, sort_key=args.sort_key,
                                  sort_dir=args.sort_dir, **kwargs)
    else:
        flavors = cs.flavors.list(marker=args.marker, min_disk=args.min_disk,
                                  min_ram=args.min_ram, sort_key=args.sort_key,
                                  sort_dir=args.sort_dir, limit=args.limit,
                                  **kwargs)
    print_flavor_list(cs, flavors, args.extra_specs)


@utils.arg('flavor', metavar='<flavor>', help='Name or ID of the flavor.')
def do_flavor_delete(cs, args):
    """Delete a flavor."""
    cs.flavors.delete(common.find_flavor(cs, args.flavor))


@utils.arg('flavor', metavar='<flavor>', help='Name or ID of the flavor.')
def do_flavor_show(cs, args):
    """Show the details of a flavor."""
    print_flavor(common.find_flavor(cs, args.flavor))


@utils.arg('name', metavar='<name>', help='Name of the new flavor.')
@utils.arg('id', metavar='<id>',
           help="ID of the new flavor, or 'auto' for a generated UUID.")
@utils.arg('ram', metavar='<ram>', help='RAM in MiB.')
@utils.arg('disk', metavar='<disk>', help='Root disk in GiB.')
@utils.arg('--ephemeral', metavar='<ephemeral>', default=0,
           help='Ephemeral disk in GiB (default 0).')
@utils.arg('vcpus', metavar='<vcpus>', help='Number of virtual CPUs.')
@utils.arg('--swap', metavar='<swap>', default=0,
           help='Swap in MiB (default 0).')
@utils.arg('--rxtx-factor', metavar='<factor>', default=1.0,
           help='RX/TX bandwidth factor (default 1; ignored from 2.102).')
@utils.arg('--is-public', metavar='<is-public>', default=True,
           type=lambda v: utils.bool_from_string(v, True),
           help='Whether every project may use it (default true).')
@utils.arg('--description', metavar='<description>',
           help='Free-form description (printable text, at most 65535 '
                'characters).',
           start_version='2.55')
def do_flavor_create(cs, args):
    """Create a flavor."""
    description = getattr(args, 'description', None)
    flavor = cs.flavors.create(args.name, args.ram, args.vcpus, args.disk,
                               args.id, args.ephemeral, args.swap,
                               args.rxtx_factor, args.is_public, description)
    print_flavor_list(cs, [flavor])


@api_versions.wraps('2.55')
@utils.arg('flavor', metavar='<flavor>', help='Name or ID of the flavor.')
@utils.arg('description', metavar='<description>',
           help='New free-form description (printable text, at most 65535 '
                'characters).')
def do_flavor_update(cs, args):
    """Change the description of a flavor."""
    flavor = common.find_flavor(cs, args.flavor)
    print_flavor_list(cs, [cs.flavors.update(flavor, args.description)])


@utils.arg('flavor', metavar='<flavor>', help='Name or ID of the flavor.')
@utils.arg('action', metavar='<action>', choices=['set', 'unset'],
           help="'set' or 'unset'.")
@utils.arg('metadata', metavar='<key=value>', nargs='+', action='append',
           default=[], help='Extra specs to set, or keys to unset.')
def do_flavor_key(cs, args):
    """Set or unset extra specs of a flavor."""
    flavor = common.find_flavor(cs, args.flavor)
    specs = common.extract_metadata(args)
    if args.action == 'set':
        flavor.set_keys(specs)
    else:
        flavor.unset_keys(specs.keys())


@utils.arg('--flavor', metavar='<flavor>',
           help='Name or ID of the (private) flavor.')
def do_flavor_access_list(cs, args):
    """List the projects that may use a private flavor."""
    if not args.flavor:
        raise exceptions.CommandError(
            'Unable to get all access lists. Specify --flavor')
    flavor = common.find_flavor(cs, args.flavor)
    if flavor.is_public:
        raise exceptions.CommandError(
            'Access list not available for public flavors.')
    utils.print_list(cs.flavor_access.list(flavor=flavor), ACCESS_COLUMNS)


@utils.arg('flavor', metavar='<flavor>', help='Name or ID of the flavor.')
@utils.arg('tenant', metavar='<tenant_id>', help='Project to grant.')
def do_flavor_access_add(cs, args):
    """Let a project use a private flavor."""
    flavor = common.find_flavor(cs, args.flavor)
    utils.print_list(cs.flavor_access.add_tenant_access(flavor, args.tenant),
                     ACCESS_COLUMNS)


@utils.arg('flavor', metavar='<flavor>', help='Name or ID of the flavor.')
@utils.arg('tenant', metavar='<tenant_id>', help='Project to revoke.')
def do_flavor_access_remove(cs, args):
    """Stop a project from using a private flavor."""
    flavor = common.find_flavor(cs, args.flavor)
    utils.print_list(
        cs.flavor_access.remove_tenant_access(flavor, args.tenant),
        ACCESS_COLUMNS)
