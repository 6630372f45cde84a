"""Subnets as the network endpoint serves them: one transaction a call (queries in :mod:`api`)."""

from novaapi.db import engine
from novaapi.network import api


def list_subnets(ctx, filters=None):
    """The subnets of the networks ``ctx`` may see, oldest first.

    :param filters: ``{column: [values]}`` over id, name, network_id, cidr, project_id, gateway_ip
    """
    with engine.transaction() as sess:
        return api.list_subnets(sess, ctx, filters)


def get_subnet(ctx, subnet_id):
    """:raises api.SubnetNotFound: unknown, or on a network ``ctx`` may not see"""
    with engine.transaction() as sess:
        return api.get_subnet(sess, ctx, subnet_id)
