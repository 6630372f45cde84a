"""Auto-allocated topology: a project's own network, subnet and router, made on first request.

``GET /v2.0/auto-allocated-topology/{project_id}`` builds, in one transaction,
a network ``auto_allocated_network`` with a subnet ``auto_allocated_subnet_v4``
(a /24 of :data:`POOL` no other subnet uses, standing in for Neutron's default
subnet pool), and a router ``auto_allocated_router`` whose gateway is on the
default external network (``is_default``) with an interface on the subnet.
The project's topology row has the project as primary key, so two workers
building at once keep one topology: the later one's work is rolled back to its
savepoint and it answers the first one's network.
"""

import ipaddress

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from novaapi import exception
from novaapi.db import engine
from novaapi.network import claims
from novaapi.network import converters
from novaapi.network import models
from novaapi.network import networks
from novaapi.network import policy
from novaapi.network import quotas
from novaapi.network import routers
from novaapi.network import security_groups
from novaapi.network import subnets

POOL = ipaddress.ip_network('10.128.0.0/9')
"""Where auto-allocated subnets come from (Neutron takes them from the default subnet pool)."""
PREFIX = 24
DRY_RUN = 'dry-run'


class AutoAllocationFailure(exception.Conflict):
    msg_fmt = 'Deployment error: %(reason)s.'


class NotAuthorized(exception.Forbidden):
    msg_fmt = 'Not authorized.'


def _project(ctx, project_id):
    """The project a request is about: ``None`` (the text) is the caller's own."""
    if project_id == 'None':
        project_id = ctx.project_id
    if not ctx.is_admin and project_id != ctx.project_id:
        raise NotAuthorized()
    return project_id


def _body(network_id, project_id):
    return {'id': network_id, 'project_id': project_id, 'tenant_id': project_id}


def _default_external(sess):
    found = sess.scalars(sa.select(models.Network)
                         .where(models.Network.external.is_(True),
                                models.Network.is_default.is_(True))
                         .order_by(models.Network.created_at, models.Network.id)).first()
    if found is None:
        raise AutoAllocationFailure(reason='No default router:external network')
    return found


def _free_cidr(sess):
    used = {ipaddress.ip_network(c) for c in sess.scalars(sa.select(models.Subnet.cidr))
            if ipaddress.ip_network(c).version == 4}
    for candidate in POOL.subnets(new_prefix=PREFIX):
        if not any(candidate.overlaps(u) for u in used):
            return candidate
    raise AutoAllocationFailure(reason='Unable to provide project private network')


def _build(sess, ctx, project_id, external):
    """Network, subnet and router of the project's topology; returns the topology row."""
    owner = _Owner(ctx, project_id)
    network = networks.insert(sess, owner, {'name': 'auto_allocated_network',
                                            'project_id': project_id})
    cidr = _free_cidr(sess)
    hosts = list(cidr.hosts())
    subnet = subnets.insert(sess, network, name='auto_allocated_subnet_v4', cidr=str(cidr),
                            ip_version=4, gateway_ip=str(hosts[0]), pool_start=str(hosts[1]),
                            pool_end=str(hosts[-1]),
                            allocation_pools=[{'start': str(hosts[1]), 'end': str(hosts[-1])}])
    quotas.enforce(sess, project_id, 'network', 'subnet')
    try:
        router = routers.insert(sess, owner, project_id, {'name': 'auto_allocated_router'},
                                {'network_id': external.id})
        routers.attach_subnet(sess, owner, router, subnet)
    except converters.OverQuota:
        raise
    except exception.NovaException:
        raise AutoAllocationFailure(reason='Unable to provide external connectivity') from None
    row = models.AutoAllocatedTopology(project_id=project_id, network_id=network.id,
                                       router_id=router.id)
    sess.add(row)
    sess.flush()
    return row


class _Owner:
    """The project's own context for what the topology creates (an admin may build another's)."""

    def __init__(self, ctx, project_id):
        self.project_id, self.user_id = project_id, getattr(ctx, 'user_id', None)
        self.roles, self.is_admin = ['member', 'reader'], False


def check(sess):
    """:raises AutoAllocationFailure: a topology could not be built (no default external
    network)"""
    _default_external(sess)


def ensure(sess, ctx, project_id):
    """The id of the project's auto-allocated network, built (inside the caller's
    transaction) when the project has none.

    :raises AutoAllocationFailure: no default external network, or no way to reach it
    :raises converters.OverQuota: the project has no room for the network, subnet or router
    """
    row = sess.get(models.AutoAllocatedTopology, project_id)
    if row is not None:
        return row.network_id
    external = _default_external(sess)
    claims.begin_writing(sess)
    quotas.lock(sess, security_groups.default_id(sess, project_id))
    try:
        with sess.begin_nested():
            row = _build(sess, ctx, project_id, external)
    except sa_exc.IntegrityError:
        # NOTE: another worker built the project's topology first; use theirs.
        row = sess.scalars(sa.select(models.AutoAllocatedTopology)
                           .where(models.AutoAllocatedTopology.project_id == project_id)
                           .with_for_update(read=True)).one()
    return row.network_id


def get_topology(ctx, project_id, fields=()):
    """The project's auto-allocated network, built on the first request.

    :param fields: ``['dry-run']`` only checks that a topology could be built
    :raises NotAuthorized: another project's, for a non-admin
    :raises converters.BadRequest: any other field
    :raises: as :func:`ensure`
    """
    project_id = _project(ctx, project_id)
    policy.authorize(ctx, 'get_auto_allocated_topology', {'project_id': project_id})
    with engine.transaction() as sess:
        if DRY_RUN in fields:
            check(sess)
            return {'id': 'dry-run=pass', 'project_id': project_id, 'tenant_id': project_id}
        if fields:
            raise converters.BadRequest(resource='auto_allocate', msg='Unrecognized field')
        return _body(ensure(sess, ctx, project_id), project_id)


def delete_topology(ctx, project_id):
    """Remove the project's auto-allocated router, subnet and network (if it has them).

    :raises NotAuthorized: another project's, for a non-admin
    :raises networks.NetworkInUse: servers still have ports on the network
    """
    project_id = _project(ctx, project_id)
    policy.authorize(ctx, 'delete_auto_allocated_topology', {'project_id': project_id})
    with engine.transaction() as sess:
        row = sess.get(models.AutoAllocatedTopology, project_id)
        if row is None:
            return
        owner = _Owner(ctx, project_id)
        router = sess.get(models.Router, row.router_id) if row.router_id else None
        if router is not None:
            routers.destroy(sess, owner, router)
        network = sess.get(models.Network, row.network_id)
        sess.delete(row)
        sess.flush()
        if network is not None:
            networks.remove(sess, network)
