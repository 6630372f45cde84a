"""Networks as the network endpoint serves them: Neutron's rules and policy, one transaction a call.

Each public function takes the caller's context and plain arguments and
returns loaded rows (their subnets included) for views rendered after the
commit.  The helpers that take a ``sess`` (visibility, lookups, inserts)
compose inside a caller's transaction: subnets, ports and the public
interface use them.
"""

import sqlalchemy as sa
from sqlalchemy import orm

from novaapi import exception
from novaapi.db import engine
from novaapi.network import converters
from novaapi.network import models
from novaapi.network import policy
from novaapi.network import quotas
from novaapi.network import security_groups
from novaapi.network import tags as tag_rows

# Boolean attributes of a new network -> their columns.
BOOLEAN_COLUMNS = (('shared', 'shared'), ('router:external', 'external'),
                   ('admin_state_up', 'admin_state_up'))


def visible(query, ctx):
    """The ``get_network`` rule as a filter: shared and external networks, and the caller's own.

    A token of another scope than a project's sees none (Neutron's policy check drops them).
    """
    if policy.unrestricted(ctx, 'get_network'):
        return query
    if not policy.in_scope(ctx):
        return query.where(sa.false())
    net = models.Network
    return query.where(sa.or_(net.shared.is_(True), net.external.is_(True),
                              policy.owned(net.project_id, ctx)))


_FOUND = 'network_found'
"""``sess.info`` key: networks :func:`find` returned this transaction (the same rows of the
session), for the callers that need no tags: a batch of builds finds its network once."""


def find(sess, ctx, network_id, tags=True):
    """The network ``network_id`` if ``ctx`` may see it, its subnets loaded.

    :param tags: False leaves the tags of the network and its subnets unread (loaded
        when touched), and may answer with the row found earlier in this transaction: a
        port's allocation needs the subnets only
    :raises exception.NetworkNotFound: unknown or not visible
    """
    key = (str(network_id), ctx.project_id, tuple(sorted(getattr(ctx, 'roles', None) or ())))
    seen = sess.info.setdefault(_FOUND, {})
    if not tags and key in seen:
        return seen[key]
    query = visible(sa.select(models.Network).where(models.Network.id == str(network_id)), ctx)
    if not tags:
        query = query.options(orm.lazyload(models.Network.tag_rows),
                              orm.selectinload(models.Network.subnets)
                              .lazyload(models.Subnet.tag_rows))
    network = sess.scalars(query).first()
    if network is None:
        raise exception.NetworkNotFound(network_id=network_id)
    if not tags:
        seen[key] = network
    return network


def check_visible(sess, ctx, network_id):
    """Nothing if ``ctx`` may see the network ``network_id``; one query, nothing loaded.

    :raises exception.NetworkNotFound: unknown or not visible
    """
    query = visible(sa.select(models.Network.id).where(models.Network.id == str(network_id)), ctx)
    if sess.scalar(query) is None:
        raise exception.NetworkNotFound(network_id=network_id)


def find_all(sess, ctx, filters=None):
    """Visible networks, oldest first.

    :param filters: ``{column: [values]}`` over id, name, project_id, shared, external
    """
    query = visible(sa.select(models.Network), ctx)
    for column, values in (filters or {}).items():
        query = query.where(getattr(models.Network, column).in_(values))
    return list(sess.scalars(query.order_by(models.Network.created_at, models.Network.id)))


def find_by_name(sess, ctx, name):
    """The oldest visible network called ``name``, or None."""
    found = find_all(sess, ctx, {'name': [name]})
    return found[0] if found else None


def auto_allocatable(sess, ctx):
    """The networks ``networks: "auto"`` may use: the caller's own and shared ones, not external.

    Nova boots on the only one; more than one is ambiguous, none means no network.
    """
    return [n for n in find_all(sess, ctx) if not n.external]


def auto_allocatable_ids(sess, ctx):
    """The ids of :func:`auto_allocatable`'s networks, oldest first, in one query."""
    net = models.Network
    query = visible(sa.select(net.id).where(net.external.is_(False)), ctx)
    return list(sess.scalars(query.order_by(net.created_at, net.id)))


def count(sess, external=None):
    """How many networks there are, whoever owns them (only external ones, or not, if asked)."""
    query = sa.select(sa.func.count()).select_from(models.Network)
    if external is not None:
        query = query.where(models.Network.external.is_(external))
    return sess.scalar(query)


def insert(sess, ctx, values):
    """Record a network; ``values`` are column values (project_id defaults to the caller's)."""
    values = dict(values)
    if 'project_id' not in values:
        values['project_id'] = ctx.project_id
    network = models.Network(**values)
    sess.add(network)
    sess.flush()
    return network


def _loaded(network):
    """``network`` with its subnets read, for views rendered after the session closes."""
    network.subnets, network.tag_rows  # noqa: B018 - loads the relationships
    return network


def list_networks(ctx, filters=None):
    """The networks ``ctx`` may see, oldest first (``filters`` as :func:`find_all`)."""
    with engine.transaction() as sess:
        return find_all(sess, ctx, filters)


def get_network(ctx, network_id):
    """:raises exception.NetworkNotFound: unknown, or not visible to ``ctx``"""
    with engine.transaction() as sess:
        return find(sess, ctx, network_id)


class NetworkInUse(exception.Conflict):
    msg_fmt = ('Unable to complete operation on network %(net_id)s. There are one or more ports '
               'still in use on the network.')


class ExternalNetworkInUse(exception.Conflict):
    msg_fmt = ('External network %(net_id)s cannot be updated to be made non-external, since it '
               'has existing gateway ports.')


AUTO_DELETED_OWNERS = ('network:dhcp', 'network:distributed',
                       'network:floatingip_agent_gateway')


def _values(ctx, item, action):
    """Column values of a network body, with the admin-only attributes' rules checked."""
    values = {}
    for key in ('name', 'description'):
        if key in item:
            values[key] = converters.string(key, item[key])
    if 'mtu' in item:
        values['mtu'] = converters.integer('mtu', item['mtu'], 68, 9000)
    for key, column in BOOLEAN_COLUMNS + (('is_default', 'is_default'),
                                          ('port_security_enabled', 'port_security_enabled')):
        if key in item:
            values[column] = converters.boolean(key, item[key])
            if key in ('shared', 'router:external', 'is_default'):
                policy.authorize(ctx, '%s:%s' % (action, key))
    return values


def create_network(ctx, attributes):
    """A network from ``POST /v2.0/networks``'s attributes.

    :raises policy.PolicyNotAuthorized: another project, or a shared or external
        network, asked for by a non-admin
    :raises converters.InvalidInput: an attribute of the wrong type
    :raises converters.OverQuota: the project has all its networks
    """
    item = dict(attributes)
    project_id = policy.owner(ctx, item, 'create_network')
    policy.authorize(ctx, 'create_network', {'project_id': project_id})
    values = _values(ctx, item, 'create_network')
    values['project_id'] = project_id
    tags = tag_rows.checked(item['tags']) if 'tags' in item else []
    with engine.transaction() as sess:
        network = insert(sess, ctx, values)
        tag_rows.replace(sess, network.id, tags)
        quotas.lock(sess, security_groups.default_id(sess, project_id))
        quotas.enforce(sess, project_id, 'network')
        sess.expire(network, ['tag_rows'])
        return _loaded(network)


def update_network(ctx, network_id, read_attributes):
    """Change a network's attributes (``read_attributes()`` runs once it is found)."""
    with engine.transaction() as sess:
        network = find(sess, ctx, network_id)
        policy.authorize(ctx, 'update_network', {'project_id': network.project_id})
        values = _values(ctx, dict(read_attributes()), 'update_network')
        if network.external and values.get('external') is False and sess.scalar(
                sa.select(sa.func.count()).select_from(models.Port).where(
                    models.Port.network_id == network.id,
                    models.Port.device_owner == models.GATEWAY_OWNER)):
            raise ExternalNetworkInUse(net_id=network.id)
        for key, value in values.items():
            setattr(network, key, value)
        network.revision_number += 1
        sess.flush()
        return _loaded(network)


def delete_network(ctx, network_id):
    """Delete a network and its subnets.

    :raises NetworkInUse: a port other than the service's own is on it
    """
    with engine.transaction() as sess:
        network = find(sess, ctx, network_id)
        policy.authorize(ctx, 'delete_network', {'project_id': network.project_id})
        remove(sess, network)


def remove(sess, network):
    """Delete ``network`` with its subnets and the service's own ports on it.

    :raises NetworkInUse: another port is on it
    """
    found = list(sess.scalars(sa.select(models.Port).where(models.Port.network_id == network.id)))
    if any(p.device_owner not in AUTO_DELETED_OWNERS for p in found):
        raise NetworkInUse(net_id=network.id)
    for port in found:
        sess.delete(port)
    for subnet in list(network.subnets):
        tag_rows.drop(sess, subnet.id)
        sess.delete(subnet)
    tag_rows.drop(sess, network.id)
    sess.delete(network)
    sess.flush()
