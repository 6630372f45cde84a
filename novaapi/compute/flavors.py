"""Flavors: visibility per project, filters, pagination, access lists and extra specs.

The functions taking ``ctx`` serve one request each, in one transaction; the
ones taking ``sess`` compose inside a caller's transaction.
"""

import typing

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from novaapi.compute import extra_specs
from novaapi.compute import models
from novaapi.compute.models import flavors as flavor_models
from novaapi.db import engine
from novaapi.db import generations
from novaapi.db import utils
from novaapi import exception

DEFAULT_FLAVORS = (
    ('1', 'm1.tiny', 512, 1, 1),
    ('2', 'm1.small', 2048, 1, 20),
    ('3', 'm1.medium', 4096, 2, 40),
    ('4', 'm1.large', 8192, 4, 80),
    ('5', 'm1.xlarge', 16384, 8, 160),
)

SORT_KEYS = ('created_at', 'description', 'disabled', 'ephemeral_gb', 'flavorid', 'id',
             'is_public', 'memory_mb', 'name', 'root_gb', 'rxtx_factor', 'swap',
             'updated_at', 'vcpu_weight', 'vcpus')


def seed_defaults(sess):
    """Create Nova's default flavors when the table is empty."""
    if sess.scalar(sa.select(sa.func.count()).select_from(models.Flavor)):
        return
    for flavorid, name, ram, vcpus, disk in DEFAULT_FLAVORS:
        sess.add(models.Flavor(flavorid=flavorid, name=name, memory_mb=ram, vcpus=vcpus,
                               root_gb=disk, ephemeral_gb=0, swap=0, rxtx_factor=1.0,
                               is_public=True, disabled=False))


def _visible(query, ctx):
    """Non-admins see public flavors and private ones shared with their project."""
    if ctx.is_admin:
        return query
    shared = models.Flavor.projects.any(models.FlavorProject.project_id == ctx.project_id)
    return query.where(sa.or_(models.Flavor.is_public.is_(True), shared))


def get(sess, ctx, flavorid):
    query = _visible(sa.select(models.Flavor).where(models.Flavor.flavorid == flavorid), ctx)
    flavor = sess.scalars(query).first()
    if flavor is None:
        raise exception.FlavorNotFound(flavor_id=flavorid)
    return flavor


class Facts(typing.NamedTuple):
    """What a boot or a resize reads of a flavor, shared read-only by the requests of a
    process (``extra_specs_dict`` is not to be changed)."""
    id: int
    flavorid: str
    name: str
    vcpus: int
    memory_mb: int
    root_gb: int
    ephemeral_gb: int
    swap: int
    extra_specs_dict: dict
    is_public: bool
    projects: frozenset


_FACTS = generations.Cache(flavor_models.GENERATION)


def facts(sess, ctx, flavorid):
    """:func:`get`'s flavor as :class:`Facts`; no statement while this process holds it
    and no flavor has changed since (beyond the one read of the generations a
    transaction)."""
    found = _FACTS.get(sess, flavorid, lambda: _read_facts(sess, flavorid))
    if found is None or not (ctx.is_admin or found.is_public or ctx.project_id in found.projects):
        raise exception.FlavorNotFound(flavor_id=flavorid)
    return found


def _read_facts(sess, flavorid):
    flavor = sess.scalars(sa.select(models.Flavor).where(models.Flavor.flavorid == flavorid)).first()
    if flavor is None:
        return None
    projects = frozenset() if flavor.is_public else frozenset(p.project_id for p in flavor.projects)
    return Facts(flavor.id, flavor.flavorid, flavor.name, flavor.vcpus, flavor.memory_mb,
                 flavor.root_gb, flavor.ephemeral_gb, flavor.swap, flavor.extra_specs_dict,
                 bool(flavor.is_public), projects)


def get_all(sess, ctx, is_public=True, min_ram=None, min_disk=None, name=None,
            sort_key='flavorid', sort_dir='asc', limit=None, marker=None):
    """``is_public``: True (public plus shared with the caller), False (private), None (all)."""
    query = sa.select(models.Flavor).where(models.Flavor.disabled.is_(False))
    if is_public is True:
        shared = models.Flavor.projects.any(models.FlavorProject.project_id == ctx.project_id)
        query = query.where(sa.or_(models.Flavor.is_public.is_(True), shared))
    elif is_public is False:
        query = _visible(query.where(models.Flavor.is_public.is_(False)), ctx)
    else:
        query = _visible(query, ctx)
    if min_ram is not None:
        query = query.where(models.Flavor.memory_mb >= min_ram)
    if min_disk is not None:
        query = query.where(models.Flavor.root_gb >= min_disk)
    if name is not None:
        query = query.where(models.Flavor.name == name)
    marker_row = None
    if marker is not None:
        marker_row = sess.scalars(_visible(
            sa.select(models.Flavor).where(models.Flavor.flavorid == marker), ctx)).first()
        if marker_row is None:
            raise exception.Invalid('marker [%s] not found' % marker)
    keys, dirs = [sort_key], [sort_dir]
    if sort_key != 'id':
        keys.append('id')
        dirs.append(sort_dir)
    return list(sess.scalars(utils.paginate(query, models.Flavor, limit, keys, dirs, marker_row)))


def create(sess, values, extra_specs=None):
    flavor = models.Flavor(**values)
    if sess.scalars(sa.select(models.Flavor.id).where(models.Flavor.name == values['name'])).first():
        raise exception.FlavorExists(name=values['name'])
    if sess.scalars(sa.select(models.Flavor.id).where(
            models.Flavor.flavorid == values['flavorid'])).first():
        raise exception.FlavorIdExists(flavor_id=values['flavorid'])
    sess.add(flavor)
    try:
        sess.flush()
    except sa_exc.IntegrityError:
        # A concurrent create won the race on the unique name or id.
        raise exception.FlavorExists(name=values['name']) from None
    return flavor


def add_access(sess, flavor, project_id):
    exists = sess.scalars(sa.select(models.FlavorProject).where(
        models.FlavorProject.flavor_id == flavor.id,
        models.FlavorProject.project_id == project_id)).first()
    if exists:
        raise exception.FlavorAccessExists(flavor_id=flavor.flavorid, project_id=project_id)
    sess.add(models.FlavorProject(flavor_id=flavor.id, project_id=project_id))
    sess.flush()


def remove_access(sess, flavor, project_id):
    row = sess.scalars(sa.select(models.FlavorProject).where(
        models.FlavorProject.flavor_id == flavor.id,
        models.FlavorProject.project_id == project_id)).first()
    if row is None:
        raise exception.FlavorAccessNotFound(flavor_id=flavor.flavorid, project_id=project_id)
    sess.delete(row)
    sess.flush()


def access_list(sess, flavor):
    rows = sess.scalars(sa.select(models.FlavorProject).where(
        models.FlavorProject.flavor_id == flavor.id).order_by(models.FlavorProject.id))
    return [row.project_id for row in rows]


def set_extra_specs(sess, flavor, specs):
    current = {spec.key: spec for spec in flavor.extra_specs}
    for key, value in specs.items():
        if key in current:
            current[key].value = value
        else:
            flavor.extra_specs.append(models.FlavorExtraSpec(key=key, value=value))
    sess.flush()


def delete_extra_spec(sess, flavor, key):
    for spec in flavor.extra_specs:
        if spec.key == key:
            flavor.extra_specs.remove(spec)
            sess.flush()
            return
    raise exception.FlavorExtraSpecsNotFound(flavor_id=flavor.flavorid, extra_specs_key=key)


def _loaded(flavor):
    """``flavor`` with its extra specs read, for views rendered after the session closes."""
    flavor.extra_specs  # noqa: B018 - loads the relationship
    return flavor


def list_flavors(ctx, **filters):
    """The flavors :func:`get_all` selects with ``filters``."""
    with engine.transaction() as sess:
        return get_all(sess, ctx, **filters)


def show_flavor(ctx, flavorid):
    """:raises exception.FlavorNotFound: unknown, or private and not shared with the caller"""
    with engine.transaction() as sess:
        return get(sess, ctx, flavorid)


def create_flavor(ctx, values):
    """:raises exception.FlavorExists: / :raises exception.FlavorIdExists:"""
    with engine.transaction() as sess:
        return _loaded(create(sess, values))


def update_flavor(ctx, flavorid, description):
    """Set the flavor's description (the one field 2.55 lets change)."""
    with engine.transaction() as sess:
        flavor = get(sess, ctx, flavorid)
        flavor.description = description
        sess.flush()
        return flavor


def delete_flavor(ctx, flavorid):
    with engine.transaction() as sess:
        sess.delete(get(sess, ctx, flavorid))


def _private(sess, ctx, flavorid, public_error):
    flavor = get(sess, ctx, flavorid)
    if flavor.is_public:
        raise public_error
    return flavor


def list_tenant_access(ctx, flavorid):
    """``(flavorid, [project ids])`` of a private flavor.

    :raises exception.NotFound: the flavor is public
    """
    with engine.transaction() as sess:
        flavor = _private(sess, ctx, flavorid,
                          exception.NotFound('Access list not available for public flavors.'))
        return flavor.flavorid, access_list(sess, flavor)


def add_tenant_access(ctx, flavorid, project_id):
    """Share a private flavor with ``project_id``; returns as :func:`list_tenant_access`.

    :raises exception.Conflict: the flavor is public
    :raises exception.FlavorAccessExists:
    """
    with engine.transaction() as sess:
        flavor = _private(sess, ctx, flavorid,
                          exception.Conflict('Can not add access to a public flavor.'))
        add_access(sess, flavor, project_id)
        return flavor.flavorid, access_list(sess, flavor)


def remove_tenant_access(ctx, flavorid, project_id):
    """Stop sharing a private flavor with ``project_id``; returns as :func:`list_tenant_access`.

    :raises exception.Conflict: the flavor is public
    :raises exception.FlavorAccessNotFound:
    """
    with engine.transaction() as sess:
        flavor = _private(sess, ctx, flavorid,
                          exception.Conflict('Can not remove access from a public flavor.'))
        remove_access(sess, flavor, project_id)
        return flavor.flavorid, access_list(sess, flavor)


def show_extra_specs(ctx, flavorid):
    """``{key: value}`` of the flavor's extra specs."""
    with engine.transaction() as sess:
        return get(sess, ctx, flavorid).extra_specs_dict


def update_extra_specs(ctx, flavorid, specs, validate=False, key=None):
    """Add or replace the extra specs ``{key: value}``.

    ``validate`` checks each against Nova's registry of known specs first (microversion
    2.86); ``key``, when the request names one spec, must be the one ``specs`` holds.

    :raises exception.ValidationError: a spec the registry refuses.
    :raises exception.Invalid: ``key`` is not in ``specs``.
    """
    if validate:
        for name, value in specs.items():
            extra_specs.validate(name, value)
    if key is not None and key not in specs:
        raise exception.Invalid('Request body and URI mismatch')
    with engine.transaction() as sess:
        set_extra_specs(sess, get(sess, ctx, flavorid), specs)


def remove_extra_spec(ctx, flavorid, key):
    """:raises exception.FlavorExtraSpecsNotFound:"""
    with engine.transaction() as sess:
        delete_extra_spec(sess, get(sess, ctx, flavorid), key)
