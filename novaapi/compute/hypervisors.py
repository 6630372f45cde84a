"""Hypervisors: the compute nodes with what the instances placed on them use.

Usage comes from :func:`hosts.usage` (the flavors of the live instances and
of unfinished moves); like Nova, the RAM in use also counts
``[compute] reserved_host_memory_mb`` kept by the host itself.
"""

import dataclasses
import json

import sqlalchemy as sa

from novaapi.compute import hosts
from novaapi.compute import models
from novaapi.compute import services
from novaapi.db import base
from novaapi.db import engine
from novaapi import conf
from novaapi import exception


class HypervisorNotFound(exception.NotFound):
    msg_fmt = "Hypervisor with ID '%(id)s' could not be found."


class NoMatch(exception.NotFound):
    msg_fmt = "No hypervisor matching '%(pattern)s' could be found."


class MarkerNotFound(exception.Invalid):
    msg_fmt = 'marker [%(marker)s] not found'


@dataclasses.dataclass
class Hypervisor:
    """A compute node, its compute service and its usage figures."""

    node: models.ComputeNode
    service: services.ServiceInfo
    vcpus_used: int = 0
    memory_mb_used: int = 0
    local_gb_used: int = 0
    running_vms: int = 0
    current_workload: int = 0
    servers: list = None

    @property
    def free_ram_mb(self):
        return self.node.memory_mb - self.memory_mb_used

    @property
    def free_disk_gb(self):
        return self.node.local_gb - self.local_gb_used

    @property
    def cpu_info(self):
        if self.node.cpu_info:
            return self.node.cpu_info
        return json.dumps({'arch': 'x86_64', 'model': 'Nehalem', 'vendor': 'Intel',
                           'features': ['pge', 'clflush'],
                           'topology': {'cores': self.node.vcpus, 'threads': 1, 'sockets': 1}})

    @property
    def uptime(self):
        """``uptime(1)`` output of the host, None while its service is down."""
        if not self.service.up:
            return None
        now = base.utcnow()
        started = self.node.started_at or self.node.created_at or now
        minutes = int((now - started).total_seconds() // 60)
        days, rest = divmod(minutes, 24 * 60)
        return ' %s up %d days, %2d:%02d,  1 user,  load average: 0.00, 0.00, 0.00' % (
            now.strftime('%H:%M:%S'), days, rest // 60, rest % 60)


def _instance_counts(sess):
    inst = models.Instance
    rows = sess.execute(sa.select(inst.host, sa.func.count(), sa.func.count(inst.task_state))
                        .where(inst.deleted == 0, inst.host.is_not(None)).group_by(inst.host))
    return {host: (int(total), int(busy)) for host, total, busy in rows}


def _servers_on(sess, host_names):
    """``{host: [{'name', 'uuid'}]}`` of the live servers on those hosts (one query)."""
    inst = models.Instance
    found = {host: [] for host in host_names}
    if not found:
        return found
    rows = sess.scalars(sa.select(inst).where(inst.deleted == 0, inst.host.in_(list(found)))
                        .order_by(inst.id))
    for row in rows:
        found[row.host].append({'name': row.name, 'uuid': row.uuid})
    return found


def _build(sess, nodes, with_servers=False):
    used = hosts.usage(sess)
    counts = _instance_counts(sess)
    reserved = conf.CONF.compute.reserved_host_memory_mb
    found = services.compute_services(sess, nodes)
    on_hosts = _servers_on(sess, list(found)) if with_servers else {}
    result = []
    for node in nodes:
        service = found.get(node.host)
        if service is None:
            continue
        vcpus, memory, disk = used.get(node.host, (0, 0, 0))
        total, busy = counts.get(node.host, (0, 0))
        result.append(Hypervisor(node, service, vcpus, memory + reserved, disk, total, busy,
                                 on_hosts.get(node.host) if with_servers else None))
    return result


def _nodes_query():
    node = models.ComputeNode
    return sa.select(node).where(node.deleted == 0).order_by(node.id)


def _list_hypervisors(sess, limit=None, marker=None, by_uuid=False, with_servers=False):
    """A page of hypervisors after ``marker`` (a node id, or uuid when ``by_uuid``)."""
    node = models.ComputeNode
    query = _nodes_query()
    if marker is not None:
        column = node.uuid if by_uuid else node.id
        value = marker if by_uuid else (int(marker) if str(marker).isdecimal() else None)
        row = sess.scalars(sa.select(node).where(node.deleted == 0, column == value)).first()
        if row is None:
            raise MarkerNotFound(marker=marker)
        query = query.where(node.id > row.id)
    if limit is not None:
        query = query.limit(limit)
    return _build(sess, list(sess.scalars(query)), with_servers)


def _search(sess, pattern, with_servers=False):
    """Hypervisors whose hostname contains ``pattern``; NoMatch when there is none."""
    node = models.ComputeNode
    escaped = pattern.replace('\\', '\\\\').replace('%', '\\%').replace('_', '\\_')
    rows = list(sess.scalars(_nodes_query().where(node.hypervisor_hostname.like('%' + escaped + '%',
                                                                                escape='\\'))))
    found = _build(sess, rows, with_servers)
    if not found:
        raise NoMatch(pattern=pattern)
    return found


def get(sess, hypervisor_id, by_uuid=False, with_servers=False):
    node = models.ComputeNode
    if by_uuid:
        condition = node.uuid == hypervisor_id
    elif str(hypervisor_id).isdecimal():
        condition = node.id == int(hypervisor_id)
    else:
        raise HypervisorNotFound(id=hypervisor_id)
    row = sess.scalars(_nodes_query().where(condition)).first()
    found = _build(sess, [row], with_servers) if row is not None else []
    if not found:
        raise HypervisorNotFound(id=hypervisor_id)
    return found[0]


STAT_FIELDS = ('count', 'current_workload', 'disk_available_least', 'free_disk_gb', 'free_ram_mb',
               'local_gb', 'local_gb_used', 'memory_mb', 'memory_mb_used', 'running_vms', 'vcpus',
               'vcpus_used')


def _statistics(sess):
    """Sums over every hypervisor (Nova's ``compute_node_statistics``)."""
    totals = dict.fromkeys(STAT_FIELDS, 0)
    for hyp in _build(sess, list(sess.scalars(_nodes_query()))):
        totals['count'] += 1
        for field in STAT_FIELDS[1:]:
            totals[field] += value_of(hyp, field)
    return totals


def value_of(hyp, field):
    """One numeric figure of a hypervisor by its API name."""
    if field in ('vcpus', 'memory_mb', 'local_gb'):
        return getattr(hyp.node, field)
    if field == 'disk_available_least':
        return hyp.free_disk_gb
    return getattr(hyp, field)


def list_page(ctx, limit=None, marker=None, by_uuid=False, with_servers=False):
    """:func:`_list_hypervisors` in a transaction of its own."""
    with engine.transaction() as sess:
        return _list_hypervisors(sess, limit, marker, by_uuid, with_servers)


def list_matching(ctx, pattern, with_servers=False):
    """:func:`_search` in a transaction of its own."""
    with engine.transaction() as sess:
        return _search(sess, pattern, with_servers)


def show_hypervisor(ctx, hypervisor_id, by_uuid=False, with_servers=False):
    """:raises HypervisorNotFound:"""
    with engine.transaction() as sess:
        return get(sess, hypervisor_id, by_uuid, with_servers)


def show_uptime(ctx, hypervisor_id, by_uuid=False):
    """The hypervisor, whose ``uptime`` is known.

    :raises HypervisorNotFound: / :raises exception.Invalid: its compute service is down
    """
    with engine.transaction() as sess:
        hyp = get(sess, hypervisor_id, by_uuid)
    if hyp.uptime is None:
        raise exception.Invalid('Compute service of %s is unavailable at this time.' % hyp.node.host)
    return hyp


def show_statistics(ctx):
    """:func:`_statistics` in a transaction of its own."""
    with engine.transaction() as sess:
        return _statistics(sess)
