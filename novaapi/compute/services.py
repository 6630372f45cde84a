"""Services of the simulated deployment: one ``nova-compute`` per compute host, plus a
``nova-scheduler`` and a ``nova-conductor`` on the controller in the ``internal`` zone.

A service is up while it is not forced down and its last heartbeat is at most
``[compute] service_down_time`` seconds old; :func:`heartbeat` keeps the
timestamps fresh.  A compute service keeps its scheduling state on its compute
node (see ``models.services``), so :func:`holder` names the row to read or write.
"""

import dataclasses
import datetime
import logging
import time

from oslo_utils import strutils
import sqlalchemy as sa

from novaapi.compute import hosts
from novaapi.compute import models
from novaapi.db import base
from novaapi.db import engine
from novaapi.db import utils as db_utils
from novaapi import conf
from novaapi import exception

LOG = logging.getLogger(__name__)

COMPUTE = 'nova-compute'
CONTROLLER_HOST = 'controller'
INTERNAL_ZONE = 'internal'
INTERNAL_BINARIES = ('nova-scheduler', 'nova-conductor')

NOT_COMPUTE = 'Updating a %s service is not supported. Only nova-compute services can be updated.'
FORCE_UP_BLOCKED = ('Unable to force up host %s as `done` evacuation migration records remain associated '
                    'with the host. Ensure the compute service has been restarted, allowing these records '
                    'to move to `completed` before retrying this request.')


class ServiceNotFound(exception.NotFound):
    msg_fmt = 'Service %(service_id)s could not be found.'


class HostBinaryNotFound(exception.NotFound):
    msg_fmt = 'Could not find binary %(binary)s on host %(host)s.'


@dataclasses.dataclass
class ServiceInfo:
    """A service as the API shows it: the row plus its state holder and zone."""

    row: models.Service
    holder: object
    zone: str

    def __getattr__(self, name):
        if name in ('disabled', 'disabled_reason', 'forced_down', 'last_seen_up'):
            return getattr(self.holder, name)
        return getattr(self.row, name)

    @property
    def up(self):
        return is_up(self.holder)


def is_up(holder, now=None):
    """Nova's service group check: not forced down and a recent heartbeat."""
    if holder.forced_down:
        return False
    seen = holder.last_seen_up
    if seen is None:
        return False
    now = now or base.utcnow()
    return (now - seen).total_seconds() <= conf.CONF.compute.service_down_time


def seed(sess):
    """The controller's services and a compute service per live compute node."""
    now = base.utcnow()
    live = {(s.host, s.binary): s for s in sess.scalars(sa.select(models.Service).where(models.Service.deleted == 0))}
    for binary in INTERNAL_BINARIES:
        row = live.get((CONTROLLER_HOST, binary))
        if row is None:
            sess.add(models.Service(host=CONTROLLER_HOST, binary=binary, topic=binary[5:], last_seen_up=now))
        else:
            row.last_seen_up = now
    for node in hosts.all_nodes(sess):
        if (node.host, COMPUTE) not in live:
            sess.add(models.Service(host=node.host, binary=COMPUTE, topic='compute', uuid=node.service_uuid))
    sess.flush()


def beat(sess, now=None):
    """One heartbeat of every simulated service.

    The simulated compute processes never really stop, so a heartbeat also
    does what a restarted nova-compute does for the instances evacuated away
    from it: their ``done`` evacuation records become ``completed``.
    """
    now = now or base.utcnow()
    # A host a ``host-down`` behaviour holds down sends no heartbeat until it is deleted.
    down = sa.select(models.Behaviour.host).where(models.Behaviour.kind == 'host-down',
                                                  models.Behaviour.host.is_not(None))
    sess.execute(sa.update(models.ComputeNode).where(models.ComputeNode.deleted == 0,
                                                     models.ComputeNode.host.not_in(down))
                 .values(last_seen_up=now).execution_options(synchronize_session=False))
    sess.execute(sa.update(models.Service).where(models.Service.deleted == 0,
                                                 models.Service.host.not_in(down))
                 .values(last_seen_up=now).execution_options(synchronize_session=False))
    mig = models.Migration
    sess.execute(sa.update(mig).where(mig.migration_type == 'evacuation', mig.status == 'done')
                 .values(status='completed').execution_options(synchronize_session=False))


PLANNED_TABLES = (models.Instance.__tablename__, models.ComputeNode.__tablename__)
"""The tables whose statistics the scheduler's usage join depends on."""


def heartbeat():
    """Background loop (``service.BACKGROUND``)."""
    while True:
        try:
            with engine.transaction() as sess:
                beat(sess)
            with engine.transaction() as sess:
                db_utils.refresh_statistics(sess, PLANNED_TABLES)
        except Exception:  # noqa: BLE001 - keep beating across database hiccups
            LOG.exception('service heartbeat failed')
        time.sleep(conf.CONF.compute.report_interval)


def _info(sess, row, nodes=None):
    if row.binary != COMPUTE:
        return ServiceInfo(row, row, INTERNAL_ZONE)
    node = (nodes or {}).get(row.host) if nodes is not None else hosts.find_node(sess, host=row.host)
    if node is None:
        return None
    return ServiceInfo(row, node, node.availability_zone)


def list_services(sess, host=None, binary=None):
    query = sa.select(models.Service).where(models.Service.deleted == 0).order_by(models.Service.id)
    if host:
        query = query.where(models.Service.host == host)
    if binary:
        query = query.where(models.Service.binary == binary)
    nodes = {n.host: n for n in hosts.all_nodes(sess)}
    return [info for info in (_info(sess, row, nodes) for row in sess.scalars(query)) if info]


def _get(sess, service_id):
    """By integer id or uuid; ServiceNotFound otherwise."""
    query = sa.select(models.Service).where(models.Service.deleted == 0)
    if isinstance(service_id, int) or str(service_id).isdecimal():
        query = query.where(models.Service.id == int(service_id))
    else:
        query = query.where(models.Service.uuid == service_id)
    row = sess.scalars(query).first()
    info = _info(sess, row) if row is not None else None
    if info is None:
        raise ServiceNotFound(service_id=service_id)
    return info


def _get_by_host_and_binary(sess, host, binary):
    row = sess.scalars(sa.select(models.Service).where(models.Service.deleted == 0, models.Service.host == host,
                                                   models.Service.binary == binary)).first()
    info = _info(sess, row) if row is not None else None
    if info is None:
        raise HostBinaryNotFound(host=host, binary=binary)
    return info


def compute_services(sess, nodes):
    """``{host: ServiceInfo}`` of the compute services of ``nodes`` (one query for them all)."""
    by_host = {node.host: node for node in nodes}
    if not by_host:
        return {}
    query = (sa.select(models.Service)
             .where(models.Service.deleted == 0, models.Service.binary == COMPUTE,
                    models.Service.host.in_(list(by_host)))
             .order_by(models.Service.id))
    found = {}
    for row in sess.scalars(query):
        if row.host not in found:
            found[row.host] = _info(sess, row, by_host)
    return found


def compute_service(sess, host):
    """The compute service of ``host`` or None (a deleted service hides its hypervisor)."""
    try:
        return _get_by_host_and_binary(sess, host, COMPUTE)
    except HostBinaryNotFound:
        return None


def update(sess, info, **values):
    """Write ``disabled``/``disabled_reason``/``forced_down`` to the service's state holder."""
    for key, value in values.items():
        setattr(info.holder, key, value)
    info.row.updated_at = base.utcnow()
    sess.flush()
    return info


def _has_done_evacuations(sess, host):
    mig = models.Migration
    return sess.scalar(sa.select(sa.func.count()).select_from(mig).where(
        mig.source_compute == host, mig.status == 'done', mig.migration_type == 'evacuation')) > 0


def _count_instances(sess, host):
    inst = models.Instance
    return sess.scalar(sa.select(sa.func.count()).select_from(inst).where(
        inst.host == host, inst.deleted == 0)) or 0


def _in_progress_migrations(sess, host):
    mig = models.Migration
    return sess.scalar(sa.select(sa.func.count()).select_from(mig).where(
        mig.deleted == 0, mig.status.in_(hosts.HOLDING_STATUSES + ('accepted', 'pre-migrating')),
        sa.or_(mig.source_compute == host, mig.dest_compute == host))) or 0


def _delete(sess, info):
    """Soft-delete the service; a compute service takes its node and aggregate memberships along."""
    now = base.utcnow()
    if info.binary == COMPUTE:
        node = info.holder
        node.deleted, node.deleted_at = node.id, now
        sess.execute(sa.delete(models.AggregateHost).where(models.AggregateHost.host == info.host))
    info.row.deleted, info.row.deleted_at = info.row.id, now
    sess.flush()


def updated_time(info):
    """``updated_at`` of the API: the last heartbeat (Nova's ``get_updated_time``)."""
    value = info.last_seen_up or info.row.updated_at or info.row.created_at
    return value.replace(tzinfo=None) if isinstance(value, datetime.datetime) else value


def list_for_api(ctx, host=None, binary=None):
    """:func:`list_services` in a transaction of its own."""
    with engine.transaction() as sess:
        return list_services(sess, host, binary)


def _apply_forced_down(sess, info, forced_down):
    if not forced_down and info.binary == COMPUTE and _has_done_evacuations(sess, info.host):
        raise exception.Invalid(FORCE_UP_BLOCKED % info.host)
    update(sess, info, forced_down=forced_down)


def _required(values, key, message):
    if key not in values:
        raise exception.Invalid(message)
    return values[key]


def update_by_host(ctx, action, host, binary, values):
    """The pre-2.53 ``PUT /os-services/{action}`` of the compute service on ``host``.

    ``action`` is enable, disable, disable-log-reason (``values['disabled_reason']``)
    or force-down (``values['forced_down']``).

    :returns: the fields of the answer beside host and binary (``status``, ...)
    :raises exception.Invalid: not a compute service, or a field the action needs is missing
    :raises HostBinaryNotFound:
    """
    with engine.transaction() as sess:
        if binary != COMPUTE:
            raise exception.Invalid(NOT_COMPUTE % binary)
        info = _get_by_host_and_binary(sess, host, binary)
        if action == 'enable':
            update(sess, info, disabled=False, disabled_reason=None)
            return {'status': 'enabled'}
        if action == 'force-down':
            forced_down = strutils.bool_from_string(
                _required(values, 'forced_down', 'Missing forced_down field'))
            _apply_forced_down(sess, info, forced_down)
            return {'forced_down': forced_down}
        reason = None
        if action == 'disable-log-reason':
            reason = _required(values, 'disabled_reason', 'Missing disabled reason field')
        update(sess, info, disabled=True, disabled_reason=reason)
        return dict(status='disabled', **({'disabled_reason': reason} if reason else {}))


def _changes(values):
    """The 2.53 body as ``update`` arguments (``forced_down`` included)."""
    changes = {}
    if values.get('status') == 'enabled':
        if values.get('disabled_reason'):
            raise exception.Invalid("Specifying 'disabled_reason' with status 'enabled' is invalid.")
        changes.update(disabled=False, disabled_reason=None)
    elif values.get('status') == 'disabled':
        changes.update(disabled=True, disabled_reason=values.get('disabled_reason'))
    if 'forced_down' in values:
        changes['forced_down'] = strutils.bool_from_string(values['forced_down'], strict=True)
    return changes


def update_service(ctx, service_id, values):
    """The 2.53+ ``PUT /os-services/{uuid}``: ``status``, ``disabled_reason``, ``forced_down``.

    :returns: the service (a :class:`ServiceInfo`)
    :raises ServiceNotFound: / :raises exception.Invalid: not a compute service, or nothing to do
    """
    with engine.transaction() as sess:
        info = _get(sess, service_id)
        if info.binary != COMPUTE:
            raise exception.Invalid(NOT_COMPUTE % info.binary)
        changes = _changes(values)
        if not changes:
            raise exception.Invalid("No updates were requested. Fields 'status' or 'forced_down' "
                                    "should be specified.")
        forced_down = changes.pop('forced_down', None)
        update(sess, info, **changes)
        if forced_down is not None:
            _apply_forced_down(sess, info, forced_down)
        return info


def delete_service(ctx, service_id):
    """Delete a service; a compute service only once it hosts nothing and moves nothing.

    :raises exception.NotFound: / :raises exception.Conflict:
    """
    with engine.transaction() as sess:
        try:
            info = _get(sess, service_id)
        except ServiceNotFound:
            raise exception.NotFound('Service %s not found.' % service_id) from None
        if info.binary == COMPUTE:
            if _count_instances(sess, info.host):
                raise exception.Conflict('Unable to delete compute service that is hosting instances. '
                                         'Migrate or delete the instances first.')
            if _in_progress_migrations(sess, info.host):
                raise exception.Conflict('Unable to delete compute service that has in-progress '
                                         'migrations. Complete the migrations or delete the instances '
                                         'first.')
        _delete(sess, info)
