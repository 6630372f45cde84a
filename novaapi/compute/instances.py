"""Instance queries: one server (project-scoped), and lists with Nova's filters, sorting and paging.

Every filter is SQL (regular expressions with the backend's operator,
addresses and tags through sub-queries) so ``limit``/``marker`` pages stay
exact; the indexes in :mod:`novaapi.compute.models` back the common shapes.
"""

import collections
import functools
import re

import sqlalchemy as sa

from novaapi.compute import hosts
from novaapi.compute import models
from novaapi.compute import states
from novaapi.db import generations
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

# Columns no server view shows: reads for the views leave them (and their JSON decoding) out.
_UNSHOWN = ('image_meta', 'old_flavor', 'new_flavor', 'security_groups', 'requested_networks',
            'step', 'step_at', 'step_data', 'admin_password_hash', 'key_data', 'cleaned')
_VIEW_COLUMNS = tuple(column for column in I.__table__.columns if column.key not in _UNSHOWN)


_VIEW_SELECT = sa.select(*_VIEW_COLUMNS)


class View(collections.namedtuple('View', [column.key for column in _VIEW_COLUMNS])):
    """An instance row as the server views read it, without the ORM: the model's column
    names (bar ``_UNSHOWN``) and its ``name``; for reads that change nothing."""

    __slots__ = ()

    @property
    def name(self):
        return models.Instance.name.fget(self)


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


# One instance by uuid as a View: (live only, scoped to a project) -> query.
_BY_UUID = {(live, scoped): prepared.Query(
    _VIEW_SELECT.where(I.uuid == sa.bindparam('uuid'), *([I.deleted == 0] if live else []),
                       *([I.project_id == sa.bindparam('project_id')] if scoped else [])),
    row=View) for live in (False, True) for scoped in (False, True)}


def _view_by_uuid(conn, uuid, project_id=None, live=True):
    """The :class:`View` of ``uuid`` (in ``project_id`` when given), or None."""
    params = {'uuid': uuid} if project_id is None else {'uuid': uuid, 'project_id': project_id}
    found = _BY_UUID[live, project_id is not None].rows(conn, **params)
    return found[0] if found else None


# What server views read, kept per worker while nothing is written to the tables they
# read from (models.GENERATION): rows by uuid (any project, deleted ones too), the extras
# of each server bar the network's, and small pages (_KEPT_PAGES, below).
_KEPT_ROWS = generations.ReadCache(models.GENERATION)
_KEPT_EXTRAS = generations.ReadCache(models.GENERATION)


def get_view(sess, ctx, uuid, memo=None):
    """:func:`get` as a :class:`View`, for a read that changes nothing.

    With ``memo`` (the request's, see ``generations.current``), ``sess`` is a reader's
    connection and a row this worker read at the current generation is used again.

    :raises exception.InstanceNotFound: unknown, deleted, or another project's
    """
    if memo is None:
        found = _view_by_uuid(sess, uuid, None if ctx.is_admin else ctx.project_id)
    else:
        found = _kept_row(sess, uuid, memo)
        if found is not None and (found.deleted or not ctx.is_admin and (
                ctx.project_id is None or found.project_id != ctx.project_id)):
            found = None
    if found is None:
        raise exception.InstanceNotFound(instance_id=uuid)
    return found


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
    """SELECT of the :class:`View` columns of the instances matching Nova's normalized
    ``filters`` dict."""
    query = _VIEW_SELECT
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


def get_all(conn, filters, sort_keys, sort_dirs, limit=None, marker=None, memo=None):
    """:class:`View`\\ s of the instances matching ``filters``, ordered, after ``marker``
    (a uuid), at most ``limit``; ``conn`` a Connection (``engine.reader``) or a Session.

    With ``memo`` (the request's, see ``generations.current``), ``conn`` is a reader's
    connection, and a page of plain-text filters (a prepared one) of at most
    ``_KEPT_PAGE_ROWS`` rows that this worker read at the current generation is used again.
    """
    marker_row = None
    if marker is not None:
        project = filters.get('project_id')
        scoped = project if project and not isinstance(project, (list, tuple)) else None
        marker_row = _marker_row(conn, marker, scoped, memo)
        if marker_row is None:
            raise exception.Invalid('marker [%s] not found' % marker)
    keys, dirs = list(sort_keys), list(sort_dirs)
    if 'id' not in keys:
        keys.append('id')
        dirs.append(dirs[0] if dirs else 'desc')
    page = _prepared_page(filters, keys, dirs, limit, marker_row)
    if page is not None:
        query, params = page
        if memo is None:
            return query.rows(conn, **params)
        return _kept_page(conn, query, params, memo)
    statement = utils.paginate(build_query(conn, filters), I, limit, keys, dirs, marker_row)
    make = View._make
    return [make(row) for row in conn.execute(statement)]


# Pages kept per worker (prepared ones, small enough): (query, its parameters) -> rows.
_KEPT_PAGES = generations.ReadCache(models.GENERATION, limit=64)
_KEPT_PAGE_ROWS = 200


def _kept_page(conn, query, params, memo):
    key = (query, tuple(sorted(params.items())))
    read = []

    def load(_missing):
        read.extend(query.rows(conn, **params))
        return {key: tuple(read)} if len(read) <= _KEPT_PAGE_ROWS else {}
    found = _KEPT_PAGES.read(conn, [key], load, memo).get(key)
    return list(found) if found is not None else read


def _marker_row(conn, marker, project_id, memo):
    """The marker's :class:`View` (deleted ones too), in ``project_id`` when given, or None."""
    if memo is None:
        return _view_by_uuid(conn, marker, project_id, live=False)
    row = _kept_row(conn, marker, memo)
    return row if row is not None and (project_id is None or row.project_id == project_id) else None


def _kept_row(conn, uuid, memo):
    def load(missing):
        row = _view_by_uuid(conn, missing[0], live=False)
        return {missing[0]: row} if row is not None else {}
    return _KEPT_ROWS.read(conn, [uuid], load, memo).get(uuid)


# Pages whose filters are all plain text or flags (what clients send: a project's servers,
# by user, state, host or image) run prepared, one statement per shape of page.
_PAGES = {}
_PAGE_SHAPES = 256
_TEXT_FILTERS = {key for key, column in EXACT.items() if isinstance(column.type, sa.String)}


class _BoundMarker:
    """A marker row whose values are parameters, for :func:`utils.paginate`."""

    def __init__(self, values):
        self.__dict__.update(values)


def _prepared_page(filters, keys, dirs, limit, marker_row):
    """``(prepared query, its parameters)`` for this page, or None when a filter is
    anything but text, ``deleted`` or ``soft_deleted=False``."""
    params = {}
    for key, value in filters.items():
        if key in _TEXT_FILTERS and isinstance(value, str):
            params['f_' + key] = value
        elif not (key == 'deleted' and isinstance(value, bool) or key == 'soft_deleted'
                  and value is False):
            return None
    nulls = ()
    if marker_row is not None:
        values = [getattr(marker_row, key) for key in keys]
        nulls = tuple(value is None for value in values)
        params.update(('m_' + key, value) for key, value in zip(keys, values) if value is not None)
    if limit is not None:
        params['limit'] = limit
    shape = (utils.dialect_name(), tuple(sorted(params)), filters.get('deleted'),
             filters.get('soft_deleted'), tuple(keys), tuple(dirs), nulls)
    query = _PAGES.get(shape)
    if query is None:
        template = {key: (sa.bindparam('f_' + key, type_=EXACT[key].type) if key in _TEXT_FILTERS
                          else value) for key, value in filters.items()}
        marker = None
        if marker_row is not None:
            marker = _BoundMarker({key: None if null else sa.bindparam('m_' + key,
                                                                       type_=getattr(I, key).type)
                                   for key, null in zip(keys, nulls)})
        bound_limit = sa.bindparam('limit', type_=sa.Integer) if limit is not None else None
        statement = utils.paginate(build_query(None, template), I, bound_limit, keys, dirs, marker)
        if len(_PAGES) >= _PAGE_SHAPES:
            _PAGES.clear()
        query = _PAGES[shape] = prepared.Query(statement, row=View)
    return query, params


def _flag(column):
    """A boolean column as the text '1' or '0', to share a text column of a UNION."""
    return sa.case((column, '1'), else_='0')


# A literal, not a parameter: SQLite prepares a statement again at every run when a LIKE
# pattern is bound (for its LIKE optimisation), which cost five times the whole query.
_IMAGE_KEYS = sa.literal_column("'image_%'")


def _extras_statements():
    page = sa.bindparam('uuids', expanding=True)
    bdm, sysmeta, meta, fault = (models.BlockDeviceMapping, models.InstanceSystemMetadata,
                                 models.InstanceMetadata, models.InstanceFault)
    member, group, node = models.ServerGroupMember, models.ServerGroup, models.ComputeNode
    # The small extras in one statement: (kind, uuid, key, value, seq), metadata and volumes
    # in id order and tags in tag order as their own tables would give them.
    pairs = sa.union_all(
        sa.select(sa.literal('m').label('kind'), meta.instance_uuid.label('uuid'),
                  meta.key.label('key'), meta.value.label('value'), meta.id.label('seq'))
        .where(meta.instance_uuid.in_(page)),
        sa.select(sa.literal('t'), models.Tag.resource_id, models.Tag.tag, sa.null(), sa.literal(0))
        .where(models.Tag.resource_id.in_(page)),
        sa.select(sa.literal('i'), sysmeta.instance_uuid, sysmeta.key, sysmeta.value, sa.literal(0))
        .where(sysmeta.instance_uuid.in_(page), sysmeta.key.like(_IMAGE_KEYS)),
        sa.select(sa.literal('g'), member.instance_uuid, group.uuid, sa.null(), sa.literal(0))
        .join(group, group.id == member.group_id).where(member.instance_uuid.in_(page)),
        # attached volumes: (volume id, delete_on_termination)
        sa.select(sa.literal('v'), bdm.instance_uuid, bdm.volume_id,
                  _flag(bdm.delete_on_termination), bdm.id)
        .where(bdm.instance_uuid.in_(page), bdm.deleted == 0, bdm.volume_id.is_not(None)),
        # the compute node of the server's host: (forced down, disabled)
        sa.select(sa.literal('h'), I.uuid, _flag(node.forced_down), _flag(node.disabled),
                  sa.literal(0))
        .join(node, sa.and_(node.host == I.host, node.deleted == 0)).where(I.uuid.in_(page)),
    ).subquery()
    return {
        'pairs': sa.select(pairs.c.kind, pairs.c.uuid, pairs.c.key, pairs.c.value)
                   .order_by(pairs.c.kind, pairs.c.seq, pairs.c.key),
        'faults': sa.select(fault.instance_uuid, fault.code, fault.message, fault.details,
                            fault.created_at).where(fault.instance_uuid.in_(page)).order_by(fault.id),
    }


# Compiled once and run on the driver's cursor with the page's uuids bound: through the
# ORM each of these cost several times what the database took to answer it.
_EXTRAS = {name: prepared.Query(statement) for name, statement in _extras_statements().items()}
Volume = collections.namedtuple('Volume', 'volume_id delete_on_termination')
_Node = collections.namedtuple('_Node', 'forced_down disabled')


def extras(sess, instances, addresses=True, memo=None):
    """What the server views show beside the row, fetched in bulk: ``{uuid: {...}}``.

    A fixed number of queries for any number of instances: one for the small
    extras (metadata, tags, image properties, groups, volumes, the host's
    node), one for the faults of the servers that show one, and the network's
    addresses and groups.

    With ``memo`` (the request's, see ``generations.current``), ``sess`` is a reader's
    connection, and what this worker read at the current generations is used again:
    the values inside each server's dict are then shared, to read and not to change.

    Keys: ``metadata``, ``tags``, ``fault``, ``volumes`` (:class:`Volume`\\ s),
    ``server_groups``, ``image_properties``, ``addresses``, ``host_status``,
    ``security_groups``.
    """
    if memo is None:
        own = _own_extras(sess, instances)
    else:
        by_uuid = {inst.uuid: inst for inst in instances}
        own = _KEPT_EXTRAS.read(
            sess, list(by_uuid), lambda missing: _own_extras(sess, [by_uuid[u] for u in missing]),
            memo)
    result = {inst.uuid: dict(own[inst.uuid], addresses={}, security_groups=[])
              for inst in instances}
    if addresses and result:
        built = [inst.uuid for inst in instances if inst.vm_state != states.BUILDING]
        addresses, group_names = network_api.views_for_devices(sess, built, memo)
        for uuid, value in addresses.items():
            result[uuid]['addresses'] = value
        for uuid, names in group_names.items():
            result[uuid]['security_groups'] = names
    return result


def _own_extras(sess, instances):
    """:func:`extras` bar the network's: ``{uuid: {...}}``."""
    uuids = [inst.uuid for inst in instances]
    result = {u: {'metadata': {}, 'tags': [], 'fault': None, 'volumes': [], 'server_groups': [],
                  'image_properties': {}, 'host_status': None} for u in uuids}
    if not uuids:
        return result
    nodes = {}
    for kind, uuid, key, value in _EXTRAS['pairs'].rows(sess, uuids=uuids):
        extra = result[uuid]
        if kind == 'm':
            extra['metadata'][key] = value
        elif kind == 't':
            extra['tags'].append(key)
        elif kind == 'i':
            extra['image_properties'][key] = value
        elif kind == 'g':
            extra['server_groups'].append(key)
        elif kind == 'v':
            extra['volumes'].append(Volume(key, value == '1'))
        else:
            nodes[uuid] = _Node(key == '1', value == '1')
    for inst in instances:
        result[inst.uuid]['host_status'] = hosts.host_status(nodes.get(inst.uuid)) if inst.host else ''
    failed = [inst.uuid for inst in instances if states.shows_fault(inst)]
    if failed:
        for fault in _EXTRAS['faults'].rows(sess, uuids=failed):
            result[fault.instance_uuid]['fault'] = fault
    return result
