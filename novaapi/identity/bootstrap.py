"""Idempotent first-run data: the default domain, admin/demo/service, roles and the catalog."""

import sqlalchemy as sa

from novaapi.identity import models
from novaapi.identity import passwords

DEFAULT_DOMAIN_ID = 'default'
DEFAULT_DOMAIN_NAME = 'Default'
PROJECTS = (
    ('admin', 'Bootstrap project for initializing the cloud.'),
    ('demo', 'Demo project'),
    ('service', 'Project for the service users'),
)
ROLES = ('admin', 'manager', 'member', 'reader', 'service')
# Each role implies the next one.
IMPLIED_CHAIN = ('admin', 'manager', 'member', 'reader')
SERVICES = (
    ('identity', 'keystone', 'Identity Service'),
    ('compute', 'nova', 'Compute Service'),
    ('image', 'glance', 'Image Service'),
    ('network', 'neutron', 'Network Service'),
    ('block-storage', 'cinder', 'Block Storage Service'),
    ('volumev3', 'cinderv3', 'Cinder Volume Service V3'),
)
INTERFACES = ('public', 'internal', 'admin')


def _one(sess, model, **filters):
    return sess.scalars(sa.select(model).filter_by(**filters)).first()


def _ensure(sess, model, filters, **values):
    """The row matching ``filters``, created with ``values`` when missing."""
    row = _one(sess, model, **filters)
    if row is None:
        row = model(**filters, **values)
        sess.add(row)
        sess.flush()
    return row


def _ensure_user(sess, name, password):
    user = _one(sess, models.User, name=name, domain_id=DEFAULT_DOMAIN_ID)
    if user is None:
        user = models.User(name=name, domain_id=DEFAULT_DOMAIN_ID, enabled=True,
                           password_hash=passwords.hash_password(password))
        sess.add(user)
        sess.flush()
    elif not passwords.verify_password(password, user.password_hash):
        user.password_hash = passwords.hash_password(password)
    return user


def _grant(sess, user, project, role):
    _ensure(sess, models.RoleAssignment,
            dict(type='UserProject', actor_id=user.id, target_id=project.id, role_id=role.id))


def _ensure_catalog(sess, endpoints, region):
    _ensure(sess, models.Region, dict(id=region), description='')
    for service_type, name, description in SERVICES:
        url = endpoints.get(service_type)
        if not url:
            continue
        service = _ensure(sess, models.Service, dict(type=service_type, name=name),
                          description=description, enabled=True)
        for interface in INTERFACES:
            endpoint = _ensure(sess, models.Endpoint,
                               dict(service_id=service.id, interface=interface, region_id=region),
                               url=url, enabled=True)
            if endpoint.url != url:
                endpoint.url = url


def bootstrap(sess, admin_password, demo_password, endpoints, region='RegionOne'):
    """Create (or bring up to date) the identity data every deployment needs.

    Safe on every start: existing rows are kept, endpoint URLs follow
    ``endpoints``, and a user's password is re-hashed only when the given one
    no longer verifies.

    :param sess: an open session; the caller commits
    :param endpoints: ``{service type: url}`` for identity, compute, image, network,
        block-storage and volumev3 (a URL may hold ``$(project_id)s``)
    :returns: ``{'admin_user_id', 'admin_project_id', 'demo_user_id', 'demo_project_id',
        'service_project_id', 'domain_id'}``
    """
    _ensure(sess, models.Domain, dict(id=DEFAULT_DOMAIN_ID), name=DEFAULT_DOMAIN_NAME,
            description='The default domain', enabled=True)
    projects = {name: _ensure(sess, models.Project, dict(name=name, domain_id=DEFAULT_DOMAIN_ID),
                              description=description, enabled=True)
                for name, description in PROJECTS}
    roles = {name: _ensure(sess, models.Role, dict(name=name)) for name in ROLES}
    for prior, implied in zip(IMPLIED_CHAIN, IMPLIED_CHAIN[1:]):
        _ensure(sess, models.ImpliedRole, dict(prior_role_id=roles[prior].id,
                                               implied_role_id=roles[implied].id))
    admin = _ensure_user(sess, 'admin', admin_password)
    demo = _ensure_user(sess, 'demo', demo_password)
    _grant(sess, admin, projects['admin'], roles['admin'])
    _ensure(sess, models.RoleAssignment, dict(type='UserSystem', actor_id=admin.id,
                                              target_id='all', role_id=roles['admin'].id))
    _grant(sess, demo, projects['demo'], roles['member'])
    _ensure_catalog(sess, endpoints, region)
    sess.flush()
    return {'domain_id': DEFAULT_DOMAIN_ID,
            'admin_user_id': admin.id, 'admin_project_id': projects['admin'].id,
            'demo_user_id': demo.id, 'demo_project_id': projects['demo'].id,
            'service_project_id': projects['service'].id}
