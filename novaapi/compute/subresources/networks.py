"""Nova's proxy APIs over the network service's networks (2.1-2.35): ``os-networks`` and
``os-tenant-networks``.

Each network.api call stands for the one Neutron request Nova makes, as the caller.
"""

from novaapi import exception
from novaapi.network import api as network


def list_networks(ctx):
    """``[{id, name}]`` of the networks the caller sees."""
    return [{'id': body['id'], 'name': body['name']} for body in network.network_bodies(ctx)]


def show_network(ctx, network_id):
    """:raises exception.NotFound: unknown or not visible ("Network not found", as Nova)"""
    try:
        body = network.network_body(ctx, network_id)
    except exception.NotFound:
        raise exception.NotFound('Network not found') from None
    return {'id': body['id'], 'name': body['name']}
