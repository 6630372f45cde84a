"""Subnets as the network endpoint serves them: one transaction a call.

The helpers that take a ``sess`` compose inside a caller's transaction; a
subnet is visible when its network is.
"""

import sqlalchemy as sa

from novaapi import exception
from novaapi.db import engine
from novaapi.network import models
from novaapi.network import networks


class SubnetNotFound(exception.NotFound):
    msg_fmt = 'Subnet %(subnet_id)s could not be found.'


def find(sess, ctx, subnet_id):
    """:raises SubnetNotFound: unknown, or on a network ``ctx`` may not see"""
    query = (networks.visible(sa.select(models.Subnet).join(models.Network), ctx)
             .where(models.Subnet.id == str(subnet_id)))
    subnet = sess.scalars(query).first()
    if subnet is None:
        raise SubnetNotFound(subnet_id=subnet_id)
    return subnet


def find_all(sess, ctx, filters=None):
    """Subnets of visible networks, oldest first (``filters`` as :func:`list_subnets`)."""
    query = networks.visible(sa.select(models.Subnet).join(models.Network), ctx)
    for column, values in (filters or {}).items():
        query = query.where(getattr(models.Subnet, column).in_(values))
    return list(sess.scalars(query.order_by(models.Subnet.created_at, models.Subnet.id)))


def insert(sess, network, **values):
    """Record a subnet of ``network``, owned by the network's project."""
    subnet = models.Subnet(network_id=network.id, project_id=network.project_id, **values)
    sess.add(subnet)
    sess.flush()
    sess.expire(network, ['subnets'])
    return subnet


def list_subnets(ctx, filters=None):
    """The subnets of the networks ``ctx`` may see, oldest first.

    :param filters: ``{column: [values]}`` over id, name, network_id, cidr, project_id, gateway_ip
    """
    with engine.transaction() as sess:
        return find_all(sess, ctx, filters)


def get_subnet(ctx, subnet_id):
    """:raises SubnetNotFound: unknown, or on a network ``ctx`` may not see"""
    with engine.transaction() as sess:
        return find(sess, ctx, subnet_id)
