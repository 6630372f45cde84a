"""The pre-2.43 host administration (``/os-hosts``) and the instance usage audit log.

The simulated hosts accept enable/disable (the compute service's scheduling
state), maintenance mode and power actions; the latter two only answer, as
Nova's fake driver does.  No periodic usage audit runs here, so the audit log
of a period lists every compute host as not run.
"""

import datetime

import sqlalchemy as sa

from novaapi.compute import hypervisors
from novaapi.compute import models
from novaapi.compute import services
from novaapi.db import base
from novaapi.db import engine
from novaapi import exception

TOPICS = {'nova-compute': 'compute', 'nova-scheduler': 'scheduler', 'nova-conductor': 'conductor'}


class HostMappingNotFound(exception.NotFound):
    msg_fmt = "Host '%(name)s' is not mapped to any cell"


def _list_hosts(sess, zone=None):
    """``[(host, topic, zone)]`` of the enabled services."""
    return [(info.host, info.row.topic or TOPICS.get(info.binary, info.binary), info.zone)
            for info in services.list_services(sess)
            if not info.disabled and (not zone or info.zone == zone)]


def _compute(sess, host):
    info = services.compute_service(sess, host)
    if info is None:
        raise HostMappingNotFound(name=host)
    return info


def _resources(sess, host):
    """Nova's rows: ``(total)``, ``(used_now)``, ``(used_max)``, then one per project."""
    info = _compute(sess, host)
    hyp = hypervisors.get(sess, info.holder.id)
    rows = [('(total)', hyp.node.vcpus, hyp.node.memory_mb, hyp.node.local_gb),
            ('(used_now)', hyp.vcpus_used, hyp.memory_mb_used, hyp.local_gb_used)]
    inst = models.Instance
    instances = list(sess.scalars(sa.select(inst).where(inst.host == host, inst.deleted == 0)
                                  .order_by(inst.id)))
    totals, projects = [0, 0, 0], {}
    for row in instances:
        figures = (row.vcpus, row.memory_mb, row.root_gb + row.ephemeral_gb)
        slot = projects.setdefault(row.project_id, [0, 0, 0])
        for i, value in enumerate(figures):
            totals[i] += value
            slot[i] += value
    rows.append(('(used_max)',) + tuple(totals))
    rows.extend((project,) + tuple(slot) for project, slot in projects.items())
    return [{'host': host, 'project': p, 'cpu': c, 'memory_mb': m, 'disk_gb': d} for p, c, m, d in rows]


def _set_enabled(sess, host, enabled):
    info = _compute(sess, host)
    services.update(sess, info, disabled=not enabled, disabled_reason=None)
    return 'enabled' if enabled else 'disabled'


def _set_maintenance(sess, host, mode):
    _compute(sess, host)
    return 'on_maintenance' if mode else 'off_maintenance'


def _power_action(sess, host, action):
    info = _compute(sess, host)
    if not info.up:
        raise exception.Invalid('Compute service of %s is unavailable at this time.' % host)
    return action


def audit_period(before=None):
    """The last whole month before ``before`` (Nova's default audit period)."""
    now = before or base.utcnow()
    end = datetime.datetime(now.year, now.month, 1)
    if end >= now:
        end = datetime.datetime(now.year - (now.month == 1), (now.month - 2) % 12 + 1, 1)
    begin = datetime.datetime(end.year - (end.month == 1), (end.month - 2) % 12 + 1, 1)
    return begin, end


def _audit_log(sess, before=None):
    begin, end = audit_period(before)
    hosts = sorted({info.host for info in services.list_services(sess, binary='nova-compute')})
    return {'period_beginning': str(begin), 'period_ending': str(end), 'num_hosts': len(hosts),
            'num_hosts_done': 0, 'num_hosts_running': 0, 'num_hosts_not_run': len(hosts),
            'hosts_not_run': hosts, 'total_instances': 0, 'total_errors': 0,
            'overall_status': '%s hosts done. 0 errors.' % ('ALL' if not hosts else '0 of %d' % len(hosts)),
            'log': {}}


def show_hosts(ctx, zone=None):
    """:func:`_list_hosts` in a transaction of its own."""
    with engine.transaction() as sess:
        return _list_hosts(sess, zone)


def show_resources(ctx, host):
    """:func:`_resources` of ``host``; :raises HostMappingNotFound: not a compute host"""
    with engine.transaction() as sess:
        return _resources(sess, host)


def update_host(ctx, host, enabled=None, maintenance=None):
    """Enable or disable ``host`` and/or set its maintenance mode (None leaves either alone).

    :returns: ``{'status': ..., 'maintenance_mode': ...}`` of what was set
    :raises HostMappingNotFound: not a compute host
    """
    result = {}
    with engine.transaction() as sess:
        if enabled is not None:
            result['status'] = _set_enabled(sess, host, enabled)
        if maintenance is not None:
            result['maintenance_mode'] = _set_maintenance(sess, host, maintenance)
    return result


def power(ctx, host, action):
    """:func:`_power_action` on ``host`` (startup, shutdown or reboot)."""
    with engine.transaction() as sess:
        return _power_action(sess, host, action)


def show_audit_log(ctx, before=None):
    """:func:`_audit_log` of the last period before ``before`` (default now)."""
    with engine.transaction() as sess:
        return _audit_log(sess, before)
