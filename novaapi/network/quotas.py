"""Network quotas: per-project limits on networks, subnets, ports, groups, rules, routers and
floating IPs, checked inside the transaction that creates the resource.

A create inserts its rows, then :func:`enforce` counts the project's rows of
that kind and refuses when the count passes the limit; the transaction rolls
back and nothing is written.  Concurrent creates of one project take turns on
the row of the project's ``default`` security group (locked for update on
PostgreSQL and MariaDB; SQLite writers are serialized already), so two
requests can never both squeeze under a limit.
"""

import sqlalchemy as sa

from novaapi import exception
from novaapi.db import engine
from novaapi.network import claims
from novaapi.network import converters
from novaapi.network import models
from novaapi.network import policy

DEFAULTS = {'network': 100, 'subnet': 100, 'port': 500, 'router': 10, 'floatingip': 50,
            'security_group': 10, 'security_group_rule': 100, 'rbac_policy': 10,
            'subnetpool': -1}
"""Neutron's default limits (-1: unlimited)."""

MAX_LIMIT = 2 ** 31 - 1


class QuotaResourceUnknown(exception.NotFound):
    msg_fmt = 'Unknown quota resources %(unknown)s.'


class InvalidQuotaValue(exception.Conflict):
    msg_fmt = ('Change would make usage less than 0 for the following resources: '
               '%(unders)s.')


def _counted(resource):
    """``(model, extra where clauses)`` counting a project's ``resource`` rows."""
    return {
        'network': (models.Network, ()),
        'subnet': (models.Subnet, ()),
        'port': (models.Port, ()),
        'router': (models.Router, ()),
        'floatingip': (models.FloatingIP, ()),
        'security_group': (models.SecurityGroup, ()),
        'security_group_rule': (models.SecurityGroupRule, ()),
    }.get(resource)


def usage(sess, project_id, resource):
    counted = _counted(resource)
    if counted is None:
        return 0
    model, where = counted
    return sess.scalar(sa.select(sa.func.count()).select_from(model)
                       .where(model.project_id == project_id, *where))


def limits(sess, project_id):
    """The effective limits of ``project_id``: defaults with its overrides."""
    found = dict(DEFAULTS)
    for row in sess.scalars(sa.select(models.Quota).where(models.Quota.project_id == project_id)):
        if row.resource in found:
            found[row.resource] = row.hard_limit
    return found


def lock(sess, default_group_id):
    """Make concurrent creates of a project take turns until commit.

    :param default_group_id: the project's ``default`` security group (whose row is the lock)
    """
    claims.begin_writing(sess)
    if sess.connection().dialect.name == 'sqlite':
        return
    if claims.first_lock(sess, ('quota', default_group_id)):
        sess.execute(sa.select(models.SecurityGroup.id)
                     .where(models.SecurityGroup.id == default_group_id).with_for_update())


_LIMITS = 'network_quota_limits'
"""``sess.info`` key: the limits :func:`enforce` read this transaction, by project (a batch
of builds creates many ports of one project; the quotas API writes in transactions of its own)."""


def enforce(sess, project_id, *resources):
    """Refuse when the project now holds more of a ``resource`` than its limit.

    Call after inserting (and flushing) the new rows, inside the same transaction.

    :raises converters.OverQuota: a limit is passed
    """
    if not project_id:
        return
    memo = sess.info.setdefault(_LIMITS, {})
    found = memo.get(project_id)
    if found is None:
        found = memo[project_id] = limits(sess, project_id)
    overs = [r for r in resources
             if found.get(r, -1) >= 0 and usage(sess, project_id, r) > found[r]]
    if overs:
        raise converters.OverQuota(overs=str(sorted(overs)))


# --- the quotas API ---------------------------------------------------------------------

def _may_read(ctx, project_id):
    if project_id != ctx.project_id:
        policy.authorize(ctx, 'get_quota', {'project_id': project_id})


def list_quotas(ctx):
    """``[(project_id, limits)]`` of the projects with overrides (admin)."""
    policy.authorize(ctx, 'get_quota', {'project_id': None})
    with engine.transaction() as sess:
        projects = sorted(set(sess.scalars(sa.select(models.Quota.project_id))))
        return [(p, limits(sess, p)) for p in projects]


def get_quota(ctx, project_id):
    _may_read(ctx, project_id)
    with engine.transaction() as sess:
        return limits(sess, project_id)


def get_details(ctx, project_id):
    """``{resource: {'limit', 'used', 'reserved'}}``."""
    _may_read(ctx, project_id)
    with engine.transaction() as sess:
        return {r: {'limit': limit, 'used': usage(sess, project_id, r), 'reserved': 0}
                for r, limit in limits(sess, project_id).items()}


def default_quota(ctx, project_id):
    return dict(DEFAULTS)


def update_quota(ctx, project_id, values):
    """Set limits of ``project_id`` (admin); ``force`` lets a limit go below usage.

    A limit is checked against usage by default (quota-check-limit-default); ``force``
    skips the check, ``check_limit`` (which openstackclient sends) asks for it.

    :raises QuotaResourceUnknown: an unknown resource name
    :raises converters.InvalidInput: a limit that is not an integer in [-1, 2**31-1]
    :raises converters.BadRequest: a limit below current usage without ``force``
    """
    policy.authorize(ctx, 'update_quota', {'project_id': project_id})
    values = dict(values)
    force = converters.boolean('force', values.pop('force', False))
    if converters.boolean('check_limit', values.pop('check_limit', False)):
        force = False
    unknown = sorted(set(values) - set(DEFAULTS))
    if unknown:
        raise QuotaResourceUnknown(unknown=unknown)
    wanted = {r: converters.integer(r, v, -1, MAX_LIMIT) for r, v in values.items()}
    with engine.transaction() as sess:
        if not force:
            for resource, limit in sorted(wanted.items()):
                used = usage(sess, project_id, resource)
                if 0 <= limit < used:
                    raise converters.BadRequest(
                        resource='quotas',
                        msg='Quota limit %d for %s too small, used: %d' % (limit, resource, used))
        for resource, limit in wanted.items():
            row = sess.get(models.Quota, (project_id, resource))
            if row is None:
                sess.add(models.Quota(project_id=project_id, resource=resource, hard_limit=limit))
            else:
                row.hard_limit = limit
        sess.flush()
        return limits(sess, project_id)


def delete_quota(ctx, project_id):
    policy.authorize(ctx, 'delete_quota', {'project_id': project_id})
    with engine.transaction() as sess:
        sess.execute(sa.delete(models.Quota).where(models.Quota.project_id == project_id))
