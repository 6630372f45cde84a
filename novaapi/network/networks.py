"""Networks as the network endpoint serves them: Neutron's rules and policy, one transaction a call.

Each public function takes the caller's context and plain arguments and
returns loaded rows (their subnets included) for views rendered after the
commit.  The helpers that take a ``sess`` (visibility, lookups, inserts)
compose inside a caller's transaction: subnets, ports and the public
interface use them.
"""

import sqlalchemy as sa

from novaapi import exception
from novaapi.db import engine
from novaapi.network import converters
from novaapi.network import models
from novaapi.network import policy

# Boolean attributes of a new network -> their columns.
BOOLEAN_COLUMNS = (('shared', 'shared'), ('router:external', 'external'),
                   ('admin_state_up', 'admin_state_up'))


def visible(query, ctx):
    """The ``get_network`` rule as a filter: shared and external networks, and the caller's own."""
    if policy.unrestricted(ctx, 'get_network'):
        return query
    net = models.Network
    return query.where(sa.or_(net.shared.is_(True), net.external.is_(True),
                              net.project_id == ctx.project_id))


def find(sess, ctx, network_id):
    """The network ``network_id`` if ``ctx`` may see it.

    :raises exception.NetworkNotFound: unknown or not visible
    """
    query = visible(sa.select(models.Network).where(models.Network.id == str(network_id)), ctx)
    network = sess.scalars(query).first()
    if network is None:
        raise exception.NetworkNotFound(network_id=network_id)
    return network


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


def count(sess):
    """How many networks there are, whoever owns them."""
    return sess.scalar(sa.select(sa.func.count()).select_from(models.Network))


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


def create_network(ctx, attributes):
    """A network from ``POST /v2.0/networks``'s attributes.

    :param attributes: name, admin_state_up, shared, router:external, mtu,
        description, project_id (or tenant_id)
    :raises policy.PolicyNotAuthorized: another project, or a shared or external
        network, asked for by a non-admin
    :raises converters.InvalidInput: a boolean attribute that is not one
    """
    item = dict(attributes)
    values = {'project_id': policy.owner(ctx, item, 'create_network')}
    for key, column in BOOLEAN_COLUMNS:
        if key in item:
            values[column] = converters.to_bool(item[key])
    if values.get('shared') or values.get('external'):
        # NOTE: the endpoint has always refused an external network in the shared rule's words.
        policy.authorize(ctx, 'create_network:shared')
    values.update({k: item[k] for k in ('name', 'mtu', 'description') if k in item})
    with engine.transaction() as sess:
        return _loaded(insert(sess, ctx, values))
