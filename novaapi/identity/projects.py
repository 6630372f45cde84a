"""Projects: creation in a domain under an optional parent, their tags, the projects of a user."""

import sqlalchemy as sa

from novaapi.identity import domains
from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import store

FILTERS = ('name', 'domain_id', 'enabled', 'parent_id')
TAG_FILTERS = ('tags', 'tags-any', 'not-tags', 'not-tags-any')


def _tagged(tags, every):
    """Ids of the projects holding every one (or any one) of the comma-separated ``tags``."""
    names = tags.split(',')
    stmt = (sa.select(models.ProjectTag.project_id)
            .where(models.ProjectTag.tag.in_(names)).group_by(models.ProjectTag.project_id))
    if every:
        stmt = stmt.having(sa.func.count(sa.distinct(models.ProjectTag.tag)) == len(set(names)))
    return stmt


def _tag_filter(query):
    """The conditions of the tag filters in ``query``, as Keystone combines them.

    ``tags`` and ``tags-any`` both must hold; ``not-tags`` excludes the projects
    holding all of its tags; ``not-tags-any`` those holding any; with both
    ``not-`` filters present, Keystone keeps the projects either one excludes.
    """
    conditions = []
    if 'tags' in query:
        conditions.append(models.Project.id.in_(_tagged(query['tags'], True)))
    if 'tags-any' in query:
        conditions.append(models.Project.id.in_(_tagged(query['tags-any'], False)))
    excluded = [models.Project.id.in_(_tagged(query[name], name == 'not-tags'))
                for name in ('not-tags', 'not-tags-any') if name in query]
    if len(excluded) == 2:
        # NOTE: Keystone adds the not-tags-any matches back to what not-tags kept.
        conditions.append(sa.or_(sa.not_(excluded[0]), excluded[1]))
    elif excluded:
        conditions.append(sa.not_(excluded[0]))
    return conditions


def list_projects(query, is_domain=False):
    """A page of projects filtered on the exact fields and the tag filters found in ``query``.

    No project acts as a domain here, so asking for those (``is_domain``) lists none.
    """
    if is_domain:
        return []
    with store.transaction() as sess:
        return store.paged_listing(sess, models.Project, query, FILTERS, where=_tag_filter(query))


def _set_tags(row, tags):
    kept = {r.tag: r for r in row.tag_rows}
    row.tag_rows = [kept.get(tag) or models.ProjectTag(tag=tag) for tag in dict.fromkeys(tags)]


def list_tags(project_id):
    with store.transaction() as sess:
        return store.get(sess, models.Project, project_id).tags


def replace_tags(project_id, tags):
    """Replace every tag of a project (an empty list removes them all)."""
    with store.transaction() as sess:
        row = store.get(sess, models.Project, project_id)
        _set_tags(row, tags)
        return list(tags)


def check_tag(project_id, tag):
    """:raises errors.NotFound: Keystone's "Could not find project tag: x." """
    if tag not in list_tags(project_id):
        raise errors.NotFound('Could not find project tag: %s.' % tag)


def add_tag(project_id, tag, validate_tags):
    """Add one tag; ``validate_tags(tags)`` checks the resulting list (at most 80)."""
    with store.transaction() as sess:
        row = store.get(sess, models.Project, project_id)
        tags = row.tags
        if tag in tags:
            return
        validate_tags(tags + [tag])
        row.tag_rows.append(models.ProjectTag(tag=tag))


def delete_tag(project_id, tag):
    with store.transaction() as sess:
        row = store.get(sess, models.Project, project_id)
        found = [r for r in row.tag_rows if r.tag == tag]
        if not found:
            raise errors.NotFound('Could not find project tag: %s.' % tag)
        row.tag_rows.remove(found[0])


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
        _set_tags(row, ref.get('tags') or [])
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
        if 'tags' in ref:
            _set_tags(row, ref['tags'])
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
