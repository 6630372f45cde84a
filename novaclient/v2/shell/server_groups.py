"""Server group commands."""

from novaclient import api_versions
from novaclient import exceptions
from novaclient import utils
from novaclient.v2.shell import common


def print_server_groups(cs, groups):
    if cs.api_version < api_versions.APIVersion('2.13'):
        columns = ['Id', 'Name', 'Policies', 'Members', 'Metadata']
    elif cs.api_version < api_versions.APIVersion('2.64'):
        columns = ['Id', 'Name', 'Project Id', 'User Id', 'Policies',
                   'Members', 'Metadata']
    else:
        columns = ['Id', 'Name', 'Project Id', 'User Id', 'Policy', 'Rules',
                   'Members']
    utils.print_list(groups, columns)


@utils.arg('--limit', dest='limit', metavar='<limit>', type=int, default=None,
           help='At most this many groups (the server caps it at its '
                '[api]max_limit).')
@utils.arg('--offset', dest='offset', metavar='<offset>', type=int,
           default=None, help='Skip this many groups first.')
@utils.arg('--all-projects', dest='all_projects', action='store_true',
           default=False, help='Groups of every project (admin).')
def do_server_group_list(cs, args):
    """List server groups."""
    print_server_groups(cs, cs.server_groups.list(
        all_projects=args.all_projects, limit=args.limit,
        offset=args.offset))


@api_versions.wraps('2.0', '2.63')
@utils.arg('name', metavar='<name>', help='Name of the group.')
@utils.arg('policy', metavar='<policy>',
           help="Policy: 'affinity' or 'anti-affinity' (and 'soft-' "
                "variants from 2.15).")
def do_server_group_create(cs, args):
    """Create a server group."""
    group = cs.server_groups.create(name=args.name, policies=args.policy)
    print_server_groups(cs, [group])


@api_versions.wraps('2.64')
@utils.arg('name', metavar='<name>', help='Name of the group.')
@utils.arg('policy', metavar='<policy>',
           help="Policy: 'affinity', 'anti-affinity', 'soft-affinity' or "
                "'soft-anti-affinity'.")
@utils.arg('--rule', metavar='<key=value>', dest='rules', action='append',
           default=[],
           help='Policy rule, e.g. max_server_per_host=2 (repeatable).')
def do_server_group_create(cs, args):  # noqa: F811
    """Create a server group."""
    group = cs.server_groups.create(name=args.name, policy=args.policy,
                                    rules=common.meta_parsing(args.rules))
    print_server_groups(cs, [group])


@utils.arg('id', metavar='<id>', nargs='+', help='IDs of the groups.')
def do_server_group_delete(cs, args):
    """Delete server groups."""
    failures = 0
    for group_id in args.id:
        try:
            cs.server_groups.delete(group_id)
            print('Server group %s has been successfully deleted.'
                  % group_id)
        except Exception as exc:
            failures += 1
            print('Delete for server group %s failed: %s' % (group_id, exc))
    if failures == len(args.id):
        raise exceptions.CommandError(
            'Unable to delete any of the specified server groups.')


@utils.arg('id', metavar='<id>', help='ID of the group.')
def do_server_group_get(cs, args):
    """Show a server group."""
    print_server_groups(cs, [cs.server_groups.get(args.id)])
