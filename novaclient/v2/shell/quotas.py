"""Quota and quota class commands."""

from novaclient import api_versions
from novaclient import utils

# Rows of quota-show, in this order, when present in the quota set.
QUOTA_RESOURCES = ['instances', 'cores', 'ram', 'floating_ips', 'fixed_ips',
                   'metadata_items', 'injected_files',
                   'injected_file_content_bytes', 'injected_file_path_bytes',
                   'key_pairs', 'security_groups', 'security_group_rules',
                   'server_groups', 'server_group_members']
_NETWORK = ('floating_ips', 'fixed_ips', 'security_groups',
            'security_group_rules')
_FILES = ('injected_files', 'injected_file_content_bytes',
          'injected_file_path_bytes')


class _Quota:
    def __init__(self, quota, limit):
        self.quota = quota
        self.limit = limit


def print_quotas(quotas):
    rows = [_Quota(key, getattr(quotas, key)) for key in QUOTA_RESOURCES
            if hasattr(quotas, key)]
    utils.print_list(rows, ['Quota', 'Limit'])


def _updates(args):
    return {key: getattr(args, key) for key in QUOTA_RESOURCES
            if getattr(args, key, None) is not None}


def _add_quota_options(func, network, file_versions):
    """Declare ``--<quota>`` options on an update command.

    :param network: include the nova-network era quotas (deprecated keys)
    :param file_versions: (start, end) of the injected-file options
    """
    for key in reversed(QUOTA_RESOURCES):
        if key in _NETWORK and not network:
            continue
        option = '--' + key.replace('_', '-')
        kwargs = {'metavar': '<%s>' % key.replace('_', '-'), 'type': int,
                  'default': None, 'dest': key,
                  'help': 'New value of the "%s" quota.'
                          % key.replace('_', '-')}
        if key in _NETWORK:
            kwargs['help'] += ' (Deprecated; nova-network only.)'
        if key in _FILES and file_versions:
            kwargs['start_version'], kwargs['end_version'] = file_versions
        utils.add_arg(func, option, **kwargs)
    return func


def _project_id(cs, tenant):
    return tenant or cs.client.get_project_id()


@utils.arg('--tenant', metavar='<tenant-id>', default=None,
           help='Project to show (default: your own).')
@utils.arg('--user', metavar='<user-id>', default=None,
           help='Show the quotas of this user within the project.')
@utils.arg('--detail', action='store_true', default=False,
           help='Show limit, reserved and in-use counts.')
def do_quota_show(cs, args):
    """Show the quotas of a project or user."""
    print_quotas(cs.quotas.get(_project_id(cs, args.tenant),
                               user_id=args.user, detail=args.detail))


@utils.arg('--tenant', metavar='<tenant-id>', default=None,
           help='Project to show (default: your own).')
def do_quota_defaults(cs, args):
    """Show the default quotas of a project."""
    print_quotas(cs.quotas.defaults(_project_id(cs, args.tenant)))


def _quota_update(cs, args):
    updates = _updates(args)
    if updates:
        cs.quotas.update(args.tenant, user_id=args.user, force=args.force,
                         **updates)


def _decorate_quota_update(func, network, file_versions):
    utils.add_arg(func, '--force', dest='force', action='store_true',
                  default=None,
                  help='Apply even if current usage exceeds the new value.')
    _add_quota_options(func, network, file_versions)
    utils.add_arg(func, '--user', metavar='<user-id>', default=None,
                  help='Set the quotas of this user within the project.')
    utils.add_arg(func, 'tenant', metavar='<tenant-id>',
                  help='Project whose quotas to set.')
    return func


@api_versions.wraps('2.0', '2.35')
def do_quota_update(cs, args):
    """Change the quotas of a project or user."""
    _quota_update(cs, args)


_decorate_quota_update(do_quota_update, True, None)


@api_versions.wraps('2.36')
def do_quota_update(cs, args):  # noqa: F811
    """Change the quotas of a project or user."""
    _quota_update(cs, args)


_decorate_quota_update(do_quota_update, False, ('2.36', '2.56'))


@utils.arg('--tenant', metavar='<tenant-id>', required=True,
           help='Project whose quotas to reset.')
@utils.arg('--user', metavar='<user-id>',
           help='Reset only this user within the project.')
def do_quota_delete(cs, args):
    """Reset the quotas of a project or user to the defaults."""
    cs.quotas.delete(args.tenant, user_id=args.user)


@utils.arg('class_name', metavar='<class>', help='Name of the quota class.')
def do_quota_class_show(cs, args):
    """Show the quotas of a quota class."""
    print_quotas(cs.quota_classes.get(args.class_name))


def _quota_class_update(cs, args):
    updates = _updates(args)
    if updates:
        cs.quota_classes.update(args.class_name, **updates)


def _decorate_class_update(func, network, file_versions):
    _add_quota_options(func, network, file_versions)
    utils.add_arg(func, 'class_name', metavar='<class>',
                  help='Name of the quota class.')
    return func


@api_versions.wraps('2.0', '2.49')
def do_quota_class_update(cs, args):
    """Change the quotas of a quota class."""
    _quota_class_update(cs, args)


_decorate_class_update(do_quota_class_update, True, None)


@api_versions.wraps('2.50')
def do_quota_class_update(cs, args):  # noqa: F811
    """Change the quotas of a quota class."""
    _quota_class_update(cs, args)


_decorate_class_update(do_quota_class_update, False, ('2.50', '2.56'))
