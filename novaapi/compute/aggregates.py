"""Host aggregates and the availability zones they define.

A host's zone is the ``availability_zone`` metadata of an aggregate holding
it, else ``[compute] default_availability_zone``; every change here writes
the result to the compute node, where the scheduler and
``/os-availability-zone`` read it.
"""

import sqlalchemy as sa

from novaapi.compute import hosts
from novaapi.compute import models
from novaapi.compute import services
from novaapi.db import base
from novaapi.db import engine
from novaapi import conf
from novaapi import exception

AZ_KEY = 'availability_zone'


class AggregateNotFound(exception.NotFound):
    msg_fmt = 'Aggregate %(aggregate_id)s could not be found.'


class AggregateNameExists(exception.Conflict):
    msg_fmt = 'Aggregate %(aggregate_name)s already exists.'


class AggregateHostExists(exception.Conflict):
    msg_fmt = 'Aggregate %(aggregate_id)s already has host %(host)s.'


class AggregateHostNotFound(exception.NotFound):
    msg_fmt = 'Aggregate %(aggregate_id)s has no host %(host)s.'


class ComputeHostNotFound(exception.NotFound):
    msg_fmt = 'Compute host %(host)s could not be found.'


class InvalidAggregateAction(exception.Invalid):
    """``kind`` picks Nova's wording: add, delete (remove host), update or update_meta."""

    formats = {'add': 'Cannot add host to aggregate %s. Reason: %s.',
               'delete': 'Cannot remove host from aggregate %s. Reason: %s.',
               'update': 'Cannot update aggregate %s. Reason: %s.',
               'update_meta': 'Cannot update metadata of aggregate %s. Reason: %s.'}

    def __init__(self, kind, aggregate_id, reason):
        super().__init__(self.formats[kind] % (aggregate_id, reason))
        self.kind = kind


MOVE_AZ = ("The host cannot be %s the aggregate as the availability zone of the host would change from "
           "'%s' to '%s' but the host already has %d instance(s). Changing the AZ of an existing instance "
           "is not supported by this action. Move the instances away from this host then try again. If you "
           "need to move the instances between AZs then you can use shelve_offload and unshelve to achieve "
           "this.")


def _list_aggregates(sess):
    return list(sess.scalars(sa.select(models.Aggregate).order_by(models.Aggregate.id)))


def _get(sess, aggregate_id):
    row = sess.get(models.Aggregate, int(aggregate_id))
    if row is None:
        raise AggregateNotFound(aggregate_id=aggregate_id)
    return row


def _by_host(sess, host):
    return list(sess.scalars(sa.select(models.Aggregate).join(models.AggregateHost)
                             .where(models.AggregateHost.host == host).order_by(models.Aggregate.id)))


def _zone_of(sess, host):
    for aggregate in _by_host(sess, host):
        if aggregate.availability_zone:
            return aggregate.availability_zone
    return conf.CONF.compute.default_availability_zone


def _sync_zones(sess, host_names):
    """Write each host's zone to its compute node."""
    sess.flush()
    for host in host_names:
        node = hosts.find_node(sess, host=host)
        if node is not None:
            node.availability_zone = _zone_of(sess, host)
    sess.flush()


def _check_name(sess, name, exclude=None):
    query = sa.select(models.Aggregate.id).where(models.Aggregate.name == name)
    if exclude is not None:
        query = query.where(models.Aggregate.id != exclude)
    if sess.scalar(query) is not None:
        raise AggregateNameExists(aggregate_name=name)


def _create(sess, name, zone=None):
    _check_name(sess, name)
    aggregate = models.Aggregate(name=name)
    if zone:
        aggregate.metadata_items.append(models.AggregateMetadata(key=AZ_KEY, value=zone))
    sess.add(aggregate)
    sess.flush()
    return aggregate


def _instances_on(sess, host_names):
    inst = models.Instance
    if not host_names:
        return 0
    return sess.scalar(sa.select(sa.func.count()).select_from(inst).where(
        inst.host.in_(list(host_names)), inst.deleted == 0)) or 0


def _check_zone_change(sess, aggregate, metadata, kind, host_names=None, check_instances=False):
    """Nova's ``is_safe_to_update_az``: no empty zone, no host in two zones, no instance moved."""
    if AZ_KEY not in metadata:
        return
    zone = metadata[AZ_KEY]
    if not zone:
        raise InvalidAggregateAction(kind, aggregate.id, 'Aggregate %s does not support empty named '
                                                         'availability zone' % aggregate.name)
    names = host_names if host_names is not None else aggregate.host_names
    conflicting = []
    for host in names:
        for other in _by_host(sess, host):
            if other.id != aggregate.id and other.availability_zone and other.availability_zone != zone:
                conflicting.append(other.availability_zone)
    if conflicting:
        raise InvalidAggregateAction(kind, aggregate.id,
                                     'One or more hosts already in availability zone(s) %s' % conflicting)
    if check_instances and aggregate.availability_zone != zone and _instances_on(sess, names):
        raise InvalidAggregateAction(kind, aggregate.id, 'One or more hosts contain instances in this zone')


def _set_metadata(sess, aggregate, metadata):
    """Merge ``metadata``; a None value removes the key."""
    items = {item.key: item for item in aggregate.metadata_items}
    for key, value in metadata.items():
        if value is None:
            if key in items:
                aggregate.metadata_items.remove(items.pop(key))
        elif key in items:
            items[key].value = value
        else:
            items[key] = models.AggregateMetadata(key=key, value=value)
            aggregate.metadata_items.append(items[key])
    aggregate.updated_at = base.utcnow()
    _sync_zones(sess, aggregate.host_names)
    return aggregate


def _update(sess, aggregate, values):
    values = dict(values)
    if 'name' in values:
        _check_name(sess, values['name'], exclude=aggregate.id)
        aggregate.name = values.pop('name')
    _check_zone_change(sess, aggregate, values, 'update', check_instances=True)
    if values:
        _set_metadata(sess, aggregate, values)
    aggregate.updated_at = base.utcnow()
    sess.flush()
    return aggregate


def _update_metadata(sess, aggregate, metadata):
    _check_zone_change(sess, aggregate, metadata, 'update_meta', check_instances=True)
    return _set_metadata(sess, aggregate, metadata)


def _delete(sess, aggregate):
    if aggregate.hosts:
        raise InvalidAggregateAction('delete', aggregate.id, 'Host aggregate is not empty')
    sess.delete(aggregate)
    sess.flush()


def _would_move(sess, aggregate, host, new_zone, old_zone, verb):
    count = _instances_on(sess, [host])
    if count and old_zone != new_zone:
        raise InvalidAggregateAction('add' if verb == 'added to' else 'delete', aggregate.id,
                                     MOVE_AZ % (verb, old_zone, new_zone, count))


def _explicit_zone(sess, host, skip=None):
    for other in _by_host(sess, host):
        if other.id != skip and other.availability_zone:
            return other.availability_zone
    return None


def _add_host(sess, aggregate_id, host):
    if services.compute_service(sess, host) is None:
        raise ComputeHostNotFound(host=host)
    aggregate = _get(sess, aggregate_id)
    _check_zone_change(sess, aggregate, aggregate.metadata_dict, 'add', host_names=[host])
    if aggregate.availability_zone:
        _would_move(sess, aggregate, host, aggregate.availability_zone, _explicit_zone(sess, host), 'added to')
    if host in aggregate.host_names:
        raise AggregateHostExists(aggregate_id=aggregate.id, host=host)
    aggregate.hosts.append(models.AggregateHost(host=host))
    _sync_zones(sess, [host])
    return aggregate


def _remove_host(sess, aggregate_id, host):
    if services.compute_service(sess, host) is None:
        raise ComputeHostNotFound(host=host)
    aggregate = _get(sess, aggregate_id)
    if aggregate.availability_zone:
        _would_move(sess, aggregate, host, _explicit_zone(sess, host, skip=aggregate.id),
                    aggregate.availability_zone, 'removed from')
    member = [h for h in aggregate.hosts if h.host == host]
    if not member:
        raise AggregateHostNotFound(aggregate_id=aggregate.id, host=host)
    aggregate.hosts.remove(member[0])
    _sync_zones(sess, [host])
    return aggregate


def _loaded(aggregate):
    """``aggregate`` with its hosts and metadata read, for views rendered after the session closes."""
    aggregate.hosts, aggregate.metadata_items  # noqa: B018 - loads the relationships
    return aggregate


def list_all(ctx):
    with engine.transaction() as sess:
        return _list_aggregates(sess)


def show_aggregate(ctx, aggregate_id):
    """:raises AggregateNotFound:"""
    with engine.transaction() as sess:
        return _get(sess, aggregate_id)


def create_aggregate(ctx, name, zone=None):
    """:raises AggregateNameExists:"""
    with engine.transaction() as sess:
        return _loaded(_create(sess, name, zone))


def update_aggregate(ctx, aggregate_id, values):
    """Rename and/or change the zone (see :func:`_update`)."""
    with engine.transaction() as sess:
        return _update(sess, _get(sess, aggregate_id), values)


def set_aggregate_metadata(ctx, aggregate_id, metadata):
    """Merge ``metadata`` (see :func:`_update_metadata`)."""
    with engine.transaction() as sess:
        return _update_metadata(sess, _get(sess, aggregate_id), metadata)


def delete_aggregate(ctx, aggregate_id):
    """:raises AggregateNotFound: / :raises InvalidAggregateAction: the aggregate has hosts"""
    with engine.transaction() as sess:
        _delete(sess, _get(sess, aggregate_id))


def add_aggregate_host(ctx, aggregate_id, host):
    """See :func:`_add_host`."""
    with engine.transaction() as sess:
        return _add_host(sess, aggregate_id, host)


def remove_aggregate_host(ctx, aggregate_id, host):
    """See :func:`_remove_host`."""
    with engine.transaction() as sess:
        return _remove_host(sess, aggregate_id, host)
