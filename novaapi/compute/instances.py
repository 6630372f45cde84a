"""Instance queries: one server (project-scoped), and lists with Nova's filters, sorting and paging.

Every filter is SQL (regular expressions with the backend's operator,
addresses and tags through sub-queries) so ``limit``/``marker`` pages stay
exact; the indexes in :mod:`novaapi.compute.models` back the common shapes.
"""

import functools
import re

import sqlalchemy as sa

from novaapi.compute import hosts
from novaapi.compute import models
from novaapi.compute import states
from novaapi.db import prepared
from novaapi.db import utils
from novaapi import exception
from novaapi.network import api as network_api

I = models.Instance

# Filters matched exactly (lists mean "any of").
EXACT = {'project_id': I.project_id, 'user_id': I.user_id, 'image_ref': I.image_ref,
         'vm_state': I.vm_state, 'task_state': I.task_state, 'uuid': I.uuid, 'host': I.host,
         'launch_index': I.launch_index, 'locked': I.locked, 'instance_type_id': I.instance_type_id,
         'power_state': I.power_state, 'progress': I.progress}
# Filters matched as regular expressions (Nova's REGEXP / ~ / LIKE).
REGEX = {'display_name': I.display_name, 'hostname': I.hostname, 'key_name': I.key_name,
         'node': I.node, 'reservation_id': I.reservation_id,
         'availability_zone': I.availability_zone, 'display_description': I.display_description,
         'locked_by': I.locked_by, 'root_device_name': I.root_device_name,
         'config_drive': I.config_drive, 'access_ip_v4': I.access_ip_v4,
         'access_ip_v6': I.access_ip_v6, 'kernel_id': I.kernel_id, 'ramdisk_id': I.ramdisk_id}
# Date filters given as text are compared as text prefixes (Nova matches them as regexes too).
DATES = {'created_at': I.created_at, 'launched_at': I.launched_at,
         'terminated_at': I.terminated_at}


@functools.lru_cache(maxsize=None)
def _get_statement(read_deleted, scoped, lock):
    """The SELECT of :func:`get` for one combination of its flags, built once."""
    query = sa.select(I).where(I.uuid == sa.bindparam('uuid'))
    if not read_deleted:
        query = query.where(I.deleted == 0)
    if scoped:
        query = query.where(I.project_id == sa.bindparam('project_id'))
    if lock:
        query = query.with_for_update()
    return query


def get(sess, ctx, uuid, read_deleted=False, lock=False):
    """The instance ``uuid`` as ``ctx`` may see it (any project for admins).

    :raises exception.InstanceNotFound: unknown, deleted, or another project's
    """
    scoped = not ctx.is_admin
    values = {'uuid': uuid, 'project_id': ctx.project_id} if scoped else {'uuid': uuid}
    instance = sess.scalars(_get_statement(bool(read_deleted), scoped, bool(lock)), values).first()
    if instance is None:
        raise exception.InstanceNotFound(instance_id=uuid)
    return instance


def _regex(column, pattern):
    try:
        re.compile(pattern)
    except re.error:
        pattern = re.escape(pattern)
    return column.regexp_match(pattern)


def _in(column, value):
    if isinstance(value, (list, tuple, set)):
        return column.in_(list(value))
    return column == value


def _status_clause(pairs):
    clauses = []
    for vm_state, tasks in pairs:
        if tasks is None:
            clauses.append(I.vm_state == vm_state)
            continue
        included, excluded = tasks
        if included:
            clauses.append(sa.and_(I.vm_state == vm_state, _task_in(included)))
        else:
            clauses.append(sa.and_(I.vm_state == vm_state, sa.not_(_task_in(excluded))))
    return sa.or_(*clauses) if clauses else sa.false()


def _task_in(tasks):
    named = [t for t in tasks if t is not None]
    clause = I.task_state.in_(named) if named else sa.false()
    if None in tasks:
        clause = sa.or_(clause, I.task_state.is_(None))
    else:
        clause = sa.and_(I.task_state.is_not(None), clause)
    return clause


def _tag_clause(tags, every, negate):
    tag = models.Tag
    if every:
        matched = sa.and_(*[sa.exists().where(tag.resource_id == I.uuid, tag.tag == t) for t in tags])
    else:
        matched = sa.exists().where(tag.resource_id == I.uuid, tag.tag.in_(tags))
    return sa.not_(matched) if negate else matched


def _ip_clause(sess, pattern, version):
    """Instances with a fixed IP of ``version`` matching ``pattern`` (addresses are few)."""
    try:
        regex = re.compile(pattern)
    except re.error:
        regex = re.compile(re.escape(pattern))
    devices = set()
    for device_id, address in network_api.bound_addresses(sess):
        if (':' in address) == (version == 6) and regex.search(address):
            devices.add(device_id)
    return I.uuid.in_(sorted(devices)) if devices else sa.false()


def build_query(sess, filters):
    """SELECT of instances matching Nova's normalized ``filters`` dict."""
    query = sa.select(I)
    deleted = filters.get('deleted')
    if deleted is False:
        query = query.where(I.deleted == 0)
    elif deleted is True:
        query = query.where(I.deleted != 0)
    if filters.get('soft_deleted') is False:
        query = query.where(I.vm_state != states.SOFT_DELETED)
    for key, column in EXACT.items():
        if key in filters:
            query = query.where(_in(column, filters[key]))
    for key, column in REGEX.items():
        if key in filters:
            query = query.where(_regex(column, filters[key]))
    for key, column in DATES.items():
        if key in filters:
            query = query.where(sa.cast(column, sa.String).like('%s%%' % filters[key].replace('T', ' ')))
    if 'status_pairs' in filters:
        query = query.where(_status_clause(filters['status_pairs']))
    if 'flavor' in filters:
        query = query.where(I.flavorid == filters['flavor'])
    if 'changes-since' in filters:
        query = query.where(I.updated_at >= filters['changes-since'])
    if 'changes-before' in filters:
        query = query.where(I.updated_at <= filters['changes-before'])
    for key, every, negate in (('tags', True, False), ('tags-any', False, False),
                               ('not-tags', True, True), ('not-tags-any', False, True)):
        if filters.get(key):
            query = query.where(_tag_clause(filters[key], every, negate))
    for key, version in (('ip', 4), ('ip6', 6)):
        if key in filters:
            query = query.where(_ip_clause(sess, filters[key], version))
    return query


def get_all(sess, filters, sort_keys, sort_dirs, limit=None, marker=None):
    """Instances matching ``filters``, ordered, after ``marker`` (a uuid), at most ``limit``."""
    query = build_query(sess, filters)
    marker_row = None
    if marker is not None:
        marker_query = sa.select(I).where(I.uuid == marker)
        if filters.get('project_id') and not isinstance(filters['project_id'], (list, tuple)):
            marker_query = marker_query.where(I.project_id == filters['project_id'])
        marker_row = sess.scalars(marker_query).first()
        if marker_row is None:
            raise exception.Invalid('marker [%s] not found' % marker)
    keys, dirs = list(sort_keys), list(sort_dirs)
    if 'id' not in keys:
        keys.append('id')
        dirs.append(dirs[0] if dirs else 'desc')
    return list(sess.scalars(utils.paginate(query, I, limit, keys, dirs, marker_row)))


def _extras_statements():
    page = sa.bindparam('uuids', expanding=True)
    bdm, sysmeta, meta, fault = (models.BlockDeviceMapping, models.InstanceSystemMetadata,
                                 models.InstanceMetadata, models.InstanceFault)
    member, group = models.ServerGroupMember, models.ServerGroup
    # The small key/value extras in one statement: (kind, uuid, key, value, seq), metadata in
    # id order and tags in tag order as their own tables would give them.
    pairs = sa.union_all(
        sa.select(sa.literal('m').label('kind'), meta.instance_uuid.label('uuid'),
                  meta.key.label('key'), meta.value.label('value'), meta.id.label('seq'))
        .where(meta.instance_uuid.in_(page)),
        sa.select(sa.literal('t'), models.Tag.resource_id, models.Tag.tag, sa.null(), sa.literal(0))
        .where(models.Tag.resource_id.in_(page)),
        sa.select(sa.literal('i'), sysmeta.instance_uuid, sysmeta.key, sysmeta.value, sa.literal(0))
        .where(sysmeta.instance_uuid.in_(page), sysmeta.key.like('image_%')),
        sa.select(sa.literal('g'), member.instance_uuid, group.uuid, sa.null(), sa.literal(0))
        .join(group, group.id == member.group_id).where(member.instance_uuid.in_(page))
    ).subquery()
    node = models.ComputeNode
    return {
        'pairs': sa.select(pairs.c.kind, pairs.c.uuid, pairs.c.key, pairs.c.value)
                   .order_by(pairs.c.kind, pairs.c.seq, pairs.c.key),
        'faults': sa.select(fault.instance_uuid, fault.code, fault.message, fault.details,
                            fault.created_at).where(fault.instance_uuid.in_(page)).order_by(fault.id),
        'volumes': (sa.select(bdm.instance_uuid, bdm.volume_id, bdm.delete_on_termination)
                    .where(bdm.instance_uuid.in_(page), bdm.deleted == 0,
                           bdm.volume_id.is_not(None)).order_by(bdm.id)),
        'nodes': sa.select(node.host, node.forced_down, node.disabled).where(
            node.deleted == 0, node.host.in_(sa.bindparam('hosts', expanding=True))),
    }


# Compiled once and run on the driver's cursor with the page's uuids bound: through the
# ORM each of these cost several times what the database took to answer it.
_EXTRAS = {name: prepared.Query(statement) for name, statement in _extras_statements().items()}


def extras(sess, instances, addresses=True):
    """What the server views show beside the row, fetched in bulk: ``{uuid: {...}}``.

    A fixed number of queries for any number of instances: one for the
    key/value extras, one per kind of row (faults, volumes), the compute nodes
    of the hosts on the page, and the network's addresses and groups.

    Keys: ``metadata``, ``tags``, ``fault``, ``volumes``, ``server_groups``,
    ``image_properties``, ``addresses``, ``host_status``.
    """
    uuids = [inst.uuid for inst in instances]
    result = {u: {'metadata': {}, 'tags': [], 'fault': None, 'volumes': [], 'server_groups': [],
                  'image_properties': {}, 'addresses': {}, 'host_status': None,
                  'security_groups': []} for u in uuids}
    if not uuids:
        return result
    for kind, uuid, key, value in _EXTRAS['pairs'].rows(sess, uuids=uuids):
        extra = result[uuid]
        if kind == 'm':
            extra['metadata'][key] = value
        elif kind == 't':
            extra['tags'].append(key)
        elif kind == 'i':
            extra['image_properties'][key] = value
        else:
            extra['server_groups'].append(key)
    for fault in _EXTRAS['faults'].rows(sess, uuids=uuids):
        result[fault.instance_uuid]['fault'] = fault
    for row in _EXTRAS['volumes'].rows(sess, uuids=uuids):
        result[row.instance_uuid]['volumes'].append(row)
    _host_extras(sess, instances, result)
    if addresses:
        built = [inst.uuid for inst in instances if inst.vm_state != states.BUILDING]
        for uuid, value in network_api.addresses_for_devices(sess, built).items():
            result[uuid]['addresses'] = value
        for uuid, names in network_api.security_group_names_for_devices(sess, built).items():
            result[uuid]['security_groups'] = names
    return result


def _host_extras(sess, instances, result):
    names = {inst.host for inst in instances if inst.host}
    nodes = {}
    if names:
        nodes = {n.host: n for n in _EXTRAS['nodes'].rows(sess, hosts=sorted(names))}
    for inst in instances:
        result[inst.uuid]['host_status'] = hosts.host_status(nodes.get(inst.host)) if inst.host else ''
