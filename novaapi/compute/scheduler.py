"""Placement of servers on the simulated hosts: filters, then the host with the most free RAM.

A :class:`Request` carries what Nova's RequestSpec does: the flavor
resources, the availability zone (``nova`` or, for admins, ``nova:host`` /
``nova:host:node`` which bypasses the filters but not capacity), a requested
``host``/``hypervisor_hostname`` (2.74), the server group and its policy,
``same_host``/``different_host`` hints and hosts to avoid (the source of a
migration).
"""

import dataclasses
import datetime
import math

import sqlalchemy as sa

from novaapi.compute import hosts
from novaapi.compute import models
from novaapi.compute import states
from novaapi.db import base
from novaapi.db import prepared
from novaapi import conf
from novaapi import exception

NO_VALID_HOST = 'There are not enough hosts available.'


@dataclasses.dataclass
class Request:
    resources: tuple
    availability_zone: str = None
    forced_host: str = None
    forced_node: str = None
    requested_host: str = None
    requested_node: str = None
    group_policy: str = None
    group_rules: dict = None
    group_hosts: list = dataclasses.field(default_factory=list)
    same_host: list = dataclasses.field(default_factory=list)
    different_host: list = dataclasses.field(default_factory=list)
    ignore_hosts: tuple = ()


def parse_availability_zone(value):
    """``"az"``, ``"az:host"``, ``"az:host:node"`` or ``":host"`` -> ``(az, host, node)``."""
    if not value:
        return None, None, None
    parts = value.split(':')
    zone = parts[0] or None
    host = parts[1] if len(parts) > 1 and parts[1] else None
    node = parts[2] if len(parts) > 2 and parts[2] else None
    return zone, host, node


def instance_hosts(sess, uuids):
    """Hosts of the live instances among ``uuids``."""
    if not uuids:
        return []
    inst = models.Instance
    return [h for h in sess.scalars(sa.select(inst.host).where(
        inst.uuid.in_(list(uuids)), inst.deleted == 0, inst.host.is_not(None)))]


def select(sess, request, count=1):
    """Hosts (compute node rows) for ``count`` servers; NoValidHost when they do not fit.

    The caller holds :func:`hosts.lock_nodes` so concurrent placements see each other.
    A plain request for one server (no group, hints or forced host: every boot of a
    storm) is answered by :func:`_select_best`, whose cost does not grow with the fleet.
    """
    if count == 1 and _plain(request):
        best = _select_best(sess, request)
        if best is not _UNKNOWN:
            if best is None:
                raise exception.NoValidHost(reason=NO_VALID_HOST)
            return [best]
    used = hosts.usage(sess)
    chosen, group_hosts = [], list(request.group_hosts)
    for _ in range(count):
        node = _pick(sess, request, used, group_hosts)
        if node is None:
            raise exception.NoValidHost(reason=NO_VALID_HOST)
        chosen.append(node)
        group_hosts.append(node.host)
        slot = used.setdefault(node.host, [0, 0, 0])
        for i, value in enumerate(request.resources):
            slot[i] += value
    return chosen


_UNKNOWN = object()
CHUNK = 16


def _plain(request):
    return not (request.forced_host or request.forced_node or request.group_policy
                or request.group_hosts or request.same_host or request.different_host)


def _select_best(sess, request):
    """The node :func:`_pick` would choose, found by the database: the nodes that pass the
    filters and have room, best weighed first, read a few rows at a time.

    Usage is summed per host in SQL; the free-RAM order and the capacity test are the
    same arithmetic as :func:`hosts.free` (``floor(x) - used >= r`` is ``x >= used + r``
    for integers).  ``_UNKNOWN`` when moves hold resources (then the full computation).
    The node rows are read-only named tuples of the node's columns.
    """
    if hosts.holding_migrations_exist(sess):
        return _UNKNOWN
    query, params = _best_query(sess, request)
    best = best_weight = best_free = None
    params['offset'] = 0
    while True:
        rows = query.rows(sess, **params)
        for found in rows:
            u_ram = int(found.u_ram)
            used = {found.host: (int(found.u_vcpus), u_ram, int(found.u_disk))}
            if not (_fits(found, request, used) and _passes_filters(sess, found, request, [])):
                continue
            weight = _weigh(found, request, used, [])
            if best is None or weight > best_weight:
                best, best_weight = found, weight
                best_free = found.memory_mb * found.ram_allocation_ratio - u_ram
        if len(rows) < CHUNK:
            return best
        if best is not None:
            last_free = found.memory_mb * found.ram_allocation_ratio - u_ram
            # Later rows have less free RAM, or as much and a later name. One of them beats
            # the best only with the same whole MiB and an earlier name, so only when
            # fractions of a MiB differ.
            if math.floor(last_free) < best_weight[1] or last_free == best_free == best_weight[1]:
                return best
        params['offset'] += CHUNK


# (dialect, filters present, hosts ignored) -> the prepared query of that shape
_BEST = {}


def _best_query(sess, request):
    """The prepared query of :func:`_select_best` for this shape of request, and its values."""
    vcpus, ram, disk = request.resources
    params = {'vcpus': vcpus, 'ram': ram, 'disk': disk,
              'since': base.utcnow() - datetime.timedelta(seconds=conf.CONF.compute.service_down_time)}
    for name in ('availability_zone', 'requested_host', 'requested_node'):
        if getattr(request, name):
            params[name] = getattr(request, name)
    if request.ignore_hosts:
        params['ignore'] = list(request.ignore_hosts)
    dialect = sess.get_bind().dialect.name
    shape = (dialect, tuple(sorted(params)))
    query = _BEST.get(shape)
    if query is None:
        query = _BEST[shape] = prepared.Query(_best_statement(dialect, set(params)))
    return query, params


def _best_statement(dialect, present):
    node, inst = models.ComputeNode, models.Instance
    root = sa.case((inst.image_ref == '', 0), (inst.image_ref.is_(None), 0), else_=inst.root_gb)
    usage = (sa.select(inst.host.label('host'), sa.func.sum(inst.vcpus).label('vcpus'),
                       sa.func.sum(inst.memory_mb).label('ram'),
                       sa.func.sum(inst.ephemeral_gb).label('eph'), sa.func.sum(root).label('root'),
                       sa.func.sum(inst.swap).label('swap'))
             .where(inst.deleted == 0, inst.host.is_not(None), inst.vm_state != states.SHELVED_OFFLOADED)
             .group_by(inst.host).subquery())
    used_vcpus = sa.func.coalesce(usage.c.vcpus, 0)
    used_ram = sa.func.coalesce(usage.c.ram, 0)
    # The swap's GiB are rounded up on the host's sum, as hosts.usage() does.
    used_disk = (sa.func.coalesce(usage.c.eph, 0) + sa.func.coalesce(usage.c.root, 0)
                 + (sa.func.coalesce(usage.c.swap, 0) + 1023) // 1024)
    number = lambda name: sa.bindparam(name, type_=sa.Integer)  # noqa: E731
    free_ram = node.memory_mb * node.ram_allocation_ratio - used_ram
    since = sa.bindparam('since', type_=node.last_seen_up.type)
    query = (sa.select(*node.__table__.columns, used_vcpus.label('u_vcpus'), used_ram.label('u_ram'),
                       used_disk.label('u_disk'))
             .outerjoin(usage, usage.c.host == node.host)
             .where(node.deleted == 0, node.disabled == sa.false(), node.forced_down == sa.false(),
                    sa.or_(node.last_seen_up.is_(None), node.last_seen_up >= since),
                    node.vcpus * node.cpu_allocation_ratio >= used_vcpus + number('vcpus'),
                    node.memory_mb * node.ram_allocation_ratio >= used_ram + number('ram'),
                    node.local_gb * node.disk_allocation_ratio >= used_disk + number('disk')))
    if 'ignore' in present:
        query = query.where(node.host.not_in(sa.bindparam('ignore', expanding=True)))
    for name, column in (('availability_zone', node.availability_zone),
                         ('requested_host', node.host),
                         ('requested_node', node.hypervisor_hostname)):
        if name in present:
            query = query.where(column == sa.bindparam(name, type_=column.type))
    # Ties on free RAM: _weigh's name order (code points, a name before its prefixes) is
    # the ascending binary order of the name with a character above all others appended.
    name_key = (node.host + _LAST_CHAR).collate(_BINARY.get(dialect, 'BINARY'))
    return (query.order_by(free_ram.desc(), name_key.asc())
            .limit(CHUNK).offset(sa.bindparam('offset', type_=sa.Integer)))


_LAST_CHAR = chr(0x10FFFF)
_BINARY = {'postgresql': 'C', 'mysql': 'utf8mb4_bin', 'mariadb': 'utf8mb4_bin'}


def _pick(sess, request, used, group_hosts):
    candidates = [n for n in hosts.all_nodes(sess) if _fits(n, request, used)]
    if not (request.forced_host or request.forced_node):
        candidates = [n for n in candidates if _passes_filters(sess, n, request, group_hosts)]
    if not candidates:
        return None
    return max(candidates, key=lambda n: _weigh(n, request, used, group_hosts))


def _fits(node, request, used):
    if request.forced_host and node.host != request.forced_host:
        return False
    if request.forced_node and node.hypervisor_hostname != request.forced_node:
        return False
    if request.requested_host and node.host != request.requested_host:
        return False
    if request.requested_node and node.hypervisor_hostname != request.requested_node:
        return False
    free = hosts.free(node, used)
    return all(f >= r for f, r in zip(free, request.resources))


def _passes_filters(sess, node, request, group_hosts):
    if node.disabled or node.forced_down or node.host in request.ignore_hosts:
        return False
    if not heartbeat_recent(node):
        return False
    if request.availability_zone and node.availability_zone != request.availability_zone:
        return False
    if request.same_host and node.host not in instance_hosts(sess, request.same_host):
        return False
    if request.different_host and node.host in instance_hosts(sess, request.different_host):
        return False
    policy = request.group_policy
    if policy == 'affinity' and group_hosts and node.host not in group_hosts:
        return False
    if policy == 'anti-affinity':
        limit = int((request.group_rules or {}).get('max_server_per_host', 1))
        if group_hosts.count(node.host) >= limit:
            return False
    return True


def heartbeat_recent(node, now=None):
    """Nova's ComputeFilter: a host whose service missed its heartbeats gets no servers."""
    if node.last_seen_up is None:
        return True
    now = now or base.utcnow()
    return (now - node.last_seen_up).total_seconds() <= conf.CONF.compute.service_down_time


def _weigh(node, request, used, group_hosts):
    """Soft policies first, then the most free RAM (Nova's default spreading), then the name."""
    soft = 0
    if request.group_policy == 'soft-affinity':
        soft = group_hosts.count(node.host)
    elif request.group_policy == 'soft-anti-affinity':
        soft = -group_hosts.count(node.host)
    return soft, hosts.free(node, used)[1], [-ord(c) for c in node.host]
