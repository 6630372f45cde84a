"""Usage commands: ``usage``, ``usage-list`` and ``instance-usage-audit-log``."""

import collections

from novaclient import api_versions
from novaclient import utils

DATE = '%Y-%m-%d'
_START = {'metavar': '<start>', 'default': None,
          'help': 'Start date, e.g. 2012-01-20 (default: 4 weeks ago).'}
_END = {'metavar': '<end>', 'default': None, 'help': 'End date, e.g. 2012-01-20 (default: tomorrow).'}


def _period(args):
    # deferred: datetime costs ~1.4 ms at start-up; only usage periods need it
    import datetime
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    start = datetime.datetime.strptime(args.start, DATE) if args.start else now - datetime.timedelta(weeks=4)
    end = datetime.datetime.strptime(args.end, DATE) if args.end else now + datetime.timedelta(days=1)
    return start, end


def _marker(usage):
    servers = getattr(usage, 'server_usages', None)
    return servers[-1]['instance_id'] if servers else None


def _merge(usage, more):
    usage.server_usages.extend(more.server_usages)
    for key in ('total_hours', 'total_memory_mb_usage', 'total_vcpus_usage', 'total_local_gb_usage'):
        setattr(usage, key, getattr(usage, key) + getattr(more, key))


def _summarise(usage):
    usage.servers = '%d' % len(usage.server_usages)
    # NOTE: print_list reads column 'RAM MiB-Hours' from attribute 'ram_mib-hours'.
    setattr(usage, 'ram_mib-hours', '%.2f' % usage.total_memory_mb_usage)
    usage.cpu_hours = '%.2f' % usage.total_vcpus_usage
    setattr(usage, 'disk_gib-hours', '%.2f' % usage.total_local_gb_usage)


def _all_pages(cs, start, end):
    """Every tenant's usage, following the 2.40 paging by the last instance."""
    page = cs.usage.list(start, end, detailed=True)
    if cs.api_version < api_versions.APIVersion('2.40'):
        return page
    usages = collections.OrderedDict()
    while True:
        for usage in page:
            if usage.tenant_id in usages:
                _merge(usages[usage.tenant_id], usage)
            else:
                usages[usage.tenant_id] = usage
        marker = page and _marker(page[-1])
        page = cs.usage.list(start, end, detailed=True, marker=marker) if marker else []
        if not page or not _marker(page[-1]):
            return list(usages.values())


@utils.arg('--start', **_START)
@utils.arg('--end', **_END)
def do_usage_list(cs, args):
    """List usage data for all tenants."""
    start, end = _period(args)
    usages = _all_pages(cs, start, end)
    print('Usage from %s to %s:' % (start.strftime(DATE), end.strftime(DATE)))
    for usage in usages:
        _summarise(usage)
    utils.print_list(usages, ['Tenant ID', 'Servers', 'RAM MiB-Hours', 'CPU Hours', 'Disk GiB-Hours'])


@utils.arg('--start', **_START)
@utils.arg('--end', **_END)
@utils.arg('--tenant', metavar='<tenant-id>', default=None, help='Project to report on (default: yours).')
def do_usage(cs, args):
    """Show usage data for a single tenant."""
    start, end = _period(args)
    tenant_id = args.tenant or cs.client.get_project_id()
    usage = cs.usage.get(tenant_id, start, end)
    if cs.api_version >= api_versions.APIVersion('2.40'):
        marker = _marker(usage)
        while marker:
            more = cs.usage.get(tenant_id, start, end, marker=marker)
            marker = _marker(more)
            if marker:
                _merge(usage, more)
    print('Usage from %s to %s:' % (start.strftime(DATE), end.strftime(DATE)))
    if getattr(usage, 'total_vcpus_usage', None):
        _summarise(usage)
        utils.print_list([usage], ['Servers', 'RAM MiB-Hours', 'CPU Hours', 'Disk GiB-Hours'])
    else:
        print('None')


@utils.arg('--before', dest='before', metavar='<before>', default=None,
           help='Audits before this time, as CCYY-MM-DD hh:mm:ss[.NNNNNN].')
def do_instance_usage_audit_log(cs, args):
    """List/Get server usage audits."""
    audit_log = cs.instance_usage_audit_log.get(before=args.before).to_dict()
    if 'hosts_not_run' in audit_log:
        # deferred: pprint costs ~7 ms at start-up; only this command needs it
        import pprint
        audit_log['hosts_not_run'] = pprint.pformat(audit_log['hosts_not_run'])
    utils.print_dict(audit_log)
