"""Simulated compute hosts: seeding from the configuration, and what each one has in use.

A host's usage is the sum of the flavors of the live instances placed on it,
plus what unfinished resizes and migrations hold: until a move finishes the
destination holds the new flavor, afterwards the source keeps the old one
until the move is confirmed or reverted.
"""

import ipaddress
import math
import re

import sqlalchemy as sa

from novaapi.compute import models
from novaapi.compute import states
from novaapi.db import base
from novaapi.db import engine
from novaapi.db import prepared
from novaapi import conf

# Migration statuses whose resources are still held on both hosts.
HOLDING_STATUSES = ('pre-migrating', 'migrating', 'post-migrating', 'finished', 'confirming',
                    'reverting', 'running', 'queued', 'preparing')


# ``compute[1-1000]``: a name prefix, a numbered range (zero-padded when START is), a suffix.
_RANGE = re.compile(r'^(?P<prefix>[^\[\]]*)\[(?P<start>\d+)-(?P<end>\d+)\](?P<suffix>[^\[\]]*)$')
FIRST_HOST_IP = ipaddress.IPv4Address('192.168.1.11')


def expand_hosts(text):
    """The host names ``[compute] hosts`` stands for, in order, without repeats.

    Each comma-separated item is a name (``compute1``), a count (``8`` means
    ``compute1`` to ``compute8``) or a numbered range (``rack[01-40]``,
    ``compute[1-1000]``).  A malformed range is a ValueError naming the item.
    """
    names = []
    for item in (part.strip() for part in text.split(',')):
        if not item:
            continue
        if item.isdigit():
            names.extend('compute%d' % n for n in range(1, int(item) + 1))
            continue
        if '[' not in item and ']' not in item:
            names.append(item)
            continue
        match = _RANGE.match(item)
        if not match or int(match['start']) > int(match['end']):
            raise ValueError('[compute] hosts: %r is not a name, a count or a range like compute[1-8]'
                             % item)
        width = len(match['start']) if match['start'].startswith('0') else 0
        names.extend('%s%0*d%s' % (match['prefix'], width, n, match['suffix'])
                     for n in range(int(match['start']), int(match['end']) + 1))
    return list(dict.fromkeys(names))


def configured_hosts():
    return expand_hosts(conf.CONF.compute.hosts)


def seed(sess):
    """Create (or resize) a compute node per configured host; never removes one."""
    cfg = conf.CONF.compute
    existing = {node.host: node for node in sess.scalars(
        sa.select(models.ComputeNode).where(models.ComputeNode.deleted == 0))}
    for index, host in enumerate(configured_hosts()):
        node = existing.get(host)
        if node is None:
            node = models.ComputeNode(host=host, hypervisor_hostname=host,
                                      host_ip=str(FIRST_HOST_IP + index),
                                      availability_zone=cfg.default_availability_zone)
            sess.add(node)
        node.vcpus = cfg.host_vcpus
        node.memory_mb = cfg.host_memory_mb
        node.local_gb = cfg.host_local_gb
        node.last_seen_up = base.utcnow()
    sess.flush()


def all_nodes(sess):
    return list(sess.scalars(sa.select(models.ComputeNode).where(models.ComputeNode.deleted == 0)
                             .order_by(models.ComputeNode.id)))


def find_node(sess, host=None, hypervisor_hostname=None):
    query = sa.select(models.ComputeNode).where(models.ComputeNode.deleted == 0)
    if host is not None:
        query = query.where(models.ComputeNode.host == host)
    if hypervisor_hostname is not None:
        query = query.where(models.ComputeNode.hypervisor_hostname == hypervisor_hostname)
    return sess.scalars(query.order_by(models.ComputeNode.id)).first()


_NODES_LOCKED = 'compute_nodes_locked'
"""``sess.info`` key: this transaction holds the placement lock (until it ends)."""


def lock_nodes(sess):
    """Serialize placement decisions: every scheduler first writes the same host row.

    One row (the oldest live node) rather than all of them, so the cost does not grow with
    the fleet; the write lock lasts until the placing transaction ends on every backend.
    The update writes the row's own heartbeat back, which locks it without making a host
    whose heartbeat stopped look alive. A transaction that holds the lock (a batch of
    builds placing one server after another) does not take it again.
    """
    if sess.info.get(_NODES_LOCKED):
        return
    sess.info[_NODES_LOCKED] = True
    node = models.ComputeNode
    first = sess.execute(sa.select(sa.func.min(node.id)).where(node.deleted == 0)).scalar()
    if first is not None:
        sess.execute(sa.update(node).where(node.id == first)
                     .values(last_seen_up=node.last_seen_up)
                     .execution_options(synchronize_session=False))


def flavor_resources(flavor, boot_from_volume=False):
    """``(vcpus, memory_mb, disk_gb)`` a flavor dict (or instance) claims."""
    get = flavor.get if isinstance(flavor, dict) else lambda k, d=0: getattr(flavor, k, d)
    disk = (0 if boot_from_volume else get('root_gb', 0) or 0) + (get('ephemeral_gb', 0) or 0)
    disk += int(math.ceil((get('swap', 0) or 0) / 1024.0))
    return get('vcpus', 0) or 0, get('memory_mb', 0) or 0, disk


def is_volume_backed(instance):
    return not instance.image_ref


def usage(sess):
    """``{host: [vcpus, memory_mb, disk_gb]}`` in use on each host."""
    used = {}

    def add(host, resources):
        if not host:
            return
        slot = used.setdefault(host, [0, 0, 0])
        for i, value in enumerate(resources):
            slot[i] += value

    inst = models.Instance
    rows = sess.execute(sa.select(inst.host, sa.func.sum(inst.vcpus), sa.func.sum(inst.memory_mb),
                                  sa.func.sum(inst.ephemeral_gb),
                                  sa.func.sum(sa.case((inst.image_ref == '', 0), (inst.image_ref.is_(None), 0),
                                                      else_=inst.root_gb)),
                                  sa.func.sum(inst.swap))
                        .where(inst.deleted == 0, inst.host.is_not(None),
                               inst.vm_state != states.SHELVED_OFFLOADED)
                        .group_by(inst.host))
    for host, vcpus, memory, ephemeral, root, swap in rows:
        add(host, (int(vcpus or 0), int(memory or 0),
                   int(ephemeral or 0) + int(root or 0) + int(math.ceil((swap or 0) / 1024.0))))
    for migration, instance_host, bfv in _holding_migrations(sess):
        for host, flavor in _held(migration, instance_host):
            add(host, flavor_resources(flavor or {}, bfv))
    return used


_MOVES = ('resize', 'migration', 'live-migration', 'evacuation')
_ONE_HOLDING = prepared.Query(sa.select(models.Migration.id).where(
    models.Migration.deleted == 0,
    models.Migration.status.in_(sa.bindparam('statuses', expanding=True)),
    models.Migration.migration_type.in_(sa.bindparam('moves', expanding=True))).limit(1))


def holding_migrations_exist(sess):
    """Whether any unfinished move holds resources on a second host."""
    sess.flush()  # a move begun in this transaction counts
    return bool(_ONE_HOLDING.rows(sess, statuses=list(HOLDING_STATUSES), moves=list(_MOVES)))


def _holding_migrations(sess):
    mig, inst = models.Migration, models.Instance
    query = (sa.select(mig, inst.host, inst.image_ref)
             .join(inst, inst.uuid == mig.instance_uuid)
             .where(mig.deleted == 0, mig.status.in_(HOLDING_STATUSES), inst.deleted == 0,
                    mig.migration_type.in_(_MOVES)))
    return [(m, host, not image_ref) for m, host, image_ref in sess.execute(query)]


def _held(migration, instance_host):
    """The extra (host, flavor) claims of a move, beside the instance's own."""
    if instance_host == migration.source_compute:
        if migration.dest_compute and migration.dest_compute != migration.source_compute:
            return [(migration.dest_compute, migration.new_flavor)]
        if migration.dest_compute == migration.source_compute and migration.migration_type == 'resize':
            return [(migration.dest_compute, migration.new_flavor)]
        return []
    if instance_host == migration.dest_compute:
        return [(migration.source_compute, migration.old_flavor)]
    return []


def free(node, used):
    """``(vcpus, memory_mb, disk_gb)`` still free on ``node`` given the ``usage()`` map."""
    vcpus, memory, disk = used.get(node.host, (0, 0, 0))
    return (int(node.vcpus * node.cpu_allocation_ratio) - vcpus,
            int(node.memory_mb * node.ram_allocation_ratio) - memory,
            int(node.local_gb * node.disk_allocation_ratio) - disk)


def availability_zones(sess):
    """``{zone: [nodes]}`` of the compute hosts."""
    zones = {}
    for node in all_nodes(sess):
        zones.setdefault(node.availability_zone, []).append(node)
    return zones


def host_status(node):
    """Nova's ``host_status``: UP, DOWN, MAINTENANCE (disabled) or UNKNOWN."""
    if node is None:
        return 'UNKNOWN'
    if node.forced_down:
        return 'DOWN'
    if node.disabled:
        return 'MAINTENANCE'
    return 'UP'


def list_availability_zones(ctx):
    """``{zone: [nodes]}`` of the compute hosts, as ``/os-availability-zone`` shows them."""
    with engine.transaction() as sess:
        return availability_zones(sess)
