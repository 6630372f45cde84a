"""Networks as the network endpoint serves them: Neutron's rules and policy, one transaction a call.

Each function takes the caller's context and plain arguments and returns
loaded rows (their subnets included) for views rendered after the commit.
The queries themselves are :mod:`novaapi.network.api`'s.
"""

from novaapi.db import engine
from novaapi.network import api
from novaapi.network import converters
from novaapi.network import policy

# Boolean attributes of a new network -> their columns.
BOOLEAN_COLUMNS = (('shared', 'shared'), ('router:external', 'external'),
                   ('admin_state_up', 'admin_state_up'))


def _loaded(network):
    """``network`` with its subnets read, for views rendered after the session closes."""
    network.subnets  # noqa: B018 - loads the relationship
    return network


def list_networks(ctx, filters=None):
    """The networks ``ctx`` may see, oldest first (``filters`` as :func:`api.list_networks`)."""
    with engine.transaction() as sess:
        return api.list_networks(sess, ctx, filters)


def get_network(ctx, network_id):
    """:raises exception.NetworkNotFound: unknown, or not visible to ``ctx``"""
    with engine.transaction() as sess:
        return api.get_network(sess, ctx, network_id)


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
        return _loaded(api.create_network(sess, ctx, values))
