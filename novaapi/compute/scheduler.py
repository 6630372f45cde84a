"""Placement of servers on the simulated hosts: filters, then the host with the most free RAM.

A :class:`Request` carries what Nova's RequestSpec does: the flavor
resources, the availability zone (``nova`` or, for admins, ``nova:host`` /
``nova:host:node`` which bypasses the filters but not capacity), a requested
``host``/``hypervisor_hostname`` (2.74), the server group and its policy,
``same_host``/``different_host`` hints and hosts to avoid (the source of a
migration).
"""

import dataclasses

import sqlalchemy as sa

from novaapi.compute import hosts
from novaapi.compute import models
from novaapi.db import base
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
    """
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
