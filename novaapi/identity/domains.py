"""Domains: the top-level containers of projects and users, and whose they are."""

import sqlalchemy as sa

from novaapi.db import base
from novaapi.identity import bootstrap
from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import store

FILTERS = ('name', 'enabled')


def owner_domain_id(sess, token, ref):
    """The domain of a new project or user: given, else the caller's, else ``default``.

    :raises errors.NotFound: the domain does not exist
    """
    domain_id = ref.get('domain_id') or token.project_domain_id or bootstrap.DEFAULT_DOMAIN_ID
    store.get(sess, models.Domain, domain_id)
    return domain_id


def list_domains(query):
    """Domains by name, filtered on the exact ``name`` and ``enabled`` found in ``query``."""
    with store.transaction() as sess:
        return store.listing(sess, models.Domain, query, FILTERS)


def create_domain(ref):
    """Create a domain from the validated request fields; 409 on a taken name or id."""
    with store.transaction() as sess:
        if store.exists(sess, models.Domain, name=ref['name']):
            raise errors.Conflict.duplicate('domain', ref['name'])
        if ref.get('id') and sess.get(models.Domain, ref['id']):
            raise errors.Conflict('Conflict occurred attempting to store domain - '
                                  'Duplicate ID, %s.' % ref['id'])
        row = models.Domain(id=ref.get('id') or base.new_hex_id(),
                            enabled=ref.get('enabled', True))
        store.apply(row, ref, ('name', 'description'))
        sess.add(row)
    return row


def get_domain(domain_id):
    with store.transaction() as sess:
        return store.get(sess, models.Domain, domain_id)


def update_domain(domain_id, read_ref):
    """Update a domain with the fields ``read_ref()`` returns.

    :param read_ref: returns the validated request fields; called once the
        domain is known to exist, so a missing domain is a 404 whatever the body
    """
    with store.transaction() as sess:
        row = store.get(sess, models.Domain, domain_id)
        ref = read_ref()
        if ref.get('name', row.name) != row.name and store.exists(sess, models.Domain,
                                                                  name=ref['name']):
            raise errors.Conflict.duplicate('domain', ref['name'])
        store.apply(row, ref, ('name', 'description', 'enabled'))
    return row


def delete_domain(domain_id):
    """Delete a disabled domain with its users and projects (and their grants)."""
    with store.transaction() as sess:
        row = store.get(sess, models.Domain, domain_id)
        if row.enabled:
            raise errors.Forbidden('Cannot delete a domain that is enabled, please disable it '
                                   'first.')
        for user in sess.scalars(sa.select(models.User).filter_by(domain_id=domain_id)):
            store.delete_user(sess, user)
        for project in sess.scalars(sa.select(models.Project).filter_by(domain_id=domain_id)):
            store.delete_project(sess, project)
        sess.flush()
        sess.delete(row)
