"""Host aggregate commands: ``aggregate-*``."""

from novaclient import api_versions
from novaclient import exceptions
from novaclient import utils
from novaclient.v2.shell import common

_AGGREGATE = {'metavar': '<aggregate>', 'help': 'Name or ID of the aggregate.'}


def _find(cs, aggregate):
    return utils.find_resource(cs.aggregates, aggregate)


def _print_details(cs, aggregate):
    columns = ['Id', 'Name', 'Availability Zone', 'Hosts', 'Metadata']
    if cs.api_version >= api_versions.APIVersion('2.41'):
        columns.append('UUID')
    formatters = {
        'Metadata': lambda a: utils.pretty_choice_dict(getattr(a, 'metadata', {}) or {}),
        'Hosts': lambda a: utils.pretty_choice_list(getattr(a, 'hosts', [])),
    }
    utils.print_list([aggregate], columns, formatters=formatters)


def do_aggregate_list(cs, args):
    """Print a list of all aggregates."""
    columns = ['Id', 'Name', 'Availability Zone']
    if cs.api_version >= api_versions.APIVersion('2.41'):
        columns.append('UUID')
    utils.print_list(cs.aggregates.list(), columns)


@utils.arg('name', metavar='<name>', help='Name of the new aggregate.')
@utils.arg('availability_zone', metavar='<availability-zone>', default=None, nargs='?',
           help='Availability zone the aggregate defines (optional).')
def do_aggregate_create(cs, args):
    """Create a new aggregate with the specified details."""
    _print_details(cs, cs.aggregates.create(args.name, args.availability_zone))


@utils.arg('aggregate', **_AGGREGATE)
def do_aggregate_delete(cs, args):
    """Delete the aggregate."""
    aggregate = _find(cs, args.aggregate)
    cs.aggregates.delete(aggregate)
    print('Aggregate %s has been successfully deleted.' % aggregate.id)


@utils.arg('aggregate', **_AGGREGATE)
@utils.arg('--name', metavar='<name>', dest='name', help='New name of the aggregate.')
@utils.arg('--availability-zone', metavar='<availability-zone>', dest='availability_zone',
           help='New availability zone of the aggregate.')
def do_aggregate_update(cs, args):
    """Update the aggregate's name and optionally availability zone."""
    aggregate = _find(cs, args.aggregate)
    updates = {k: v for k, v in (('name', args.name), ('availability_zone', args.availability_zone)) if v}
    if not updates:
        raise exceptions.CommandError(
            "Either '--name <name>' or '--availability-zone <availability-zone>' must be specified.")
    aggregate = cs.aggregates.update(aggregate.id, updates)
    print('Aggregate %s has been successfully updated.' % aggregate.id)
    _print_details(cs, aggregate)


@utils.arg('aggregate', **_AGGREGATE)
@utils.arg('metadata', metavar='<key=value>', nargs='+', action='append', default=[],
           help='Metadata to set on the aggregate; a bare key removes that item.')
def do_aggregate_set_metadata(cs, args):
    """Update the metadata associated with the aggregate."""
    aggregate = _find(cs, args.aggregate)
    metadata = common.extract_metadata(args)
    current = getattr(aggregate, 'metadata', {})
    if set(metadata.items()) & set(current.items()):
        raise exceptions.CommandError('metadata already exists')
    for key, value in metadata.items():
        if value is None and key not in current:
            raise exceptions.CommandError('metadata key %s does not exist hence can not be deleted' % key)
    aggregate = cs.aggregates.set_metadata(aggregate.id, metadata)
    print('Metadata has been successfully updated for aggregate %s.' % aggregate.id)
    _print_details(cs, aggregate)


@utils.arg('aggregate', **_AGGREGATE)
@utils.arg('host', metavar='<host>', help='Host to add.')
def do_aggregate_add_host(cs, args):
    """Add the host to the specified aggregate."""
    aggregate = cs.aggregates.add_host(_find(cs, args.aggregate).id, args.host)
    print('Host %s has been successfully added for aggregate %s ' % (args.host, aggregate.id))
    _print_details(cs, aggregate)


@utils.arg('aggregate', **_AGGREGATE)
@utils.arg('host', metavar='<host>', help='Host to remove.')
def do_aggregate_remove_host(cs, args):
    """Remove the specified host from the specified aggregate."""
    aggregate = cs.aggregates.remove_host(_find(cs, args.aggregate).id, args.host)
    print('Host %s has been successfully removed from aggregate %s ' % (args.host, aggregate.id))
    _print_details(cs, aggregate)


@utils.arg('aggregate', **_AGGREGATE)
def do_aggregate_show(cs, args):
    """Show details of the specified aggregate."""
    _print_details(cs, _find(cs, args.aggregate))


@api_versions.wraps('2.81')
@utils.arg('aggregate', **_AGGREGATE)
@utils.arg('images', metavar='<image>', nargs='+', help='Names or IDs of the images to cache.')
def do_aggregate_cache_images(cs, args):
    """Request images be cached."""
    cs.aggregates.cache_images(_find(cs, args.aggregate), common.find_images(cs, args.images))
