"""Projects: creation in a domain under an optional parent, and the projects a user holds."""

from novaapi.identity import domains
from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import store

FILTERS = ('name', 'domain_id', 'enabled', 'parent_id')


def list_projects(query, is_domain=False):
    """Projects by name, filtered on the exact fields found in ``query``.

    No project acts as a domain here, so asking for those (``is_domain``) lists none.
    """
    if is_domain:
        return []
    with store.transaction() as sess:
        return store.listing(sess, models.Project, query, FILTERS)


def create_project(token, ref):
    """Create a project in the given domain (else the caller's); 400 on a foreign parent."""
    if ref.get('is_domain'):
        raise errors.ValidationError('Creating projects acting as domains is not supported.')
    with store.transaction() as sess:
        domain_id = domains.owner_domain_id(sess, token, ref)
        parent_id = ref.get('parent_id')
        if parent_id and parent_id != domain_id:
            parent = store.get(sess, models.Project, parent_id)
            if parent.domain_id != domain_id:
                raise errors.ValidationError('Cannot create project, the parent (%s) is in a '
                                             'different domain.' % parent_id)
        else:
            parent_id = None
        if store.find_by_name(sess, models.Project, ref['name'], domain_id):
            raise errors.Conflict.duplicate('project', ref['name'], domain_id)
        row = models.Project(domain_id=domain_id, parent_id=parent_id,
                             enabled=ref.get('enabled', True))
        store.apply(row, ref, ('name', 'description'))
        sess.add(row)
        sess.flush()
    return row


def get_project(project_id):
    with store.transaction() as sess:
        return store.get(sess, models.Project, project_id)


def update_project(project_id, read_ref):
    """Update a project with the fields ``read_ref()`` returns; its domain never changes.

    :param read_ref: returns the validated request fields; called once the
        project is known to exist, so a missing project is a 404 whatever the body
    """
    with store.transaction() as sess:
        row = store.get(sess, models.Project, project_id)
        ref = read_ref()
        if ref.get('domain_id', row.domain_id) != row.domain_id:
            raise errors.ValidationError('Update of `domain_id` is not allowed.')
        name = ref.get('name', row.name)
        if name != row.name and store.find_by_name(sess, models.Project, name, row.domain_id):
            raise errors.Conflict.duplicate('project', name, row.domain_id)
        store.apply(row, ref, ('name', 'description', 'enabled'))
    return row


def delete_project(project_id):
    """Delete a leaf project and the grants on it."""
    with store.transaction() as sess:
        row = store.get(sess, models.Project, project_id)
        if store.exists(sess, models.Project, parent_id=project_id):
            raise errors.Forbidden('Cannot delete the project %s since it is not a leaf in the '
                                   'hierarchy. Use the cascade option if you want to delete a '
                                   'whole subtree.' % project_id)
        store.delete_project(sess, row)


def list_user_projects(user_id, check_user=True):
    """The projects ``user_id`` holds any role on, by name.

    :param check_user: 404 when the user does not exist (a token's own user always does)
    """
    with store.transaction() as sess:
        if check_user:
            store.get(sess, models.User, user_id)
        return store.user_projects(sess, user_id)
