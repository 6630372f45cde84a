"""Users: their passwords, and the tokens a password change, disable or delete revokes."""

from novaapi.identity import domains
from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import passwords
from novaapi.identity import store
from novaapi.identity import tokens

FILTERS = ('name', 'domain_id', 'enabled')


def _set_password(row, password):
    try:
        row.password_hash = passwords.hash_password(password) if password is not None else None
    except ValueError:
        raise errors.ValidationError('Password validation error: the password does not meet '
                                     'the requirements.') from None


def list_users(query):
    """A page of users filtered on the exact fields found in ``query`` (see store.paged_listing)."""
    with store.transaction() as sess:
        return store.paged_listing(sess, models.User, query, FILTERS)


def create_user(token, ref):
    """Create a user in the given domain (else the caller's), its password hashed."""
    with store.transaction() as sess:
        domain_id = domains.owner_domain_id(sess, token, ref)
        if store.find_by_name(sess, models.User, ref['name'], domain_id):
            raise errors.Conflict.duplicate('user', ref['name'], domain_id)
        if ref.get('default_project_id'):
            store.get(sess, models.Project, ref['default_project_id'])
        row = models.User(domain_id=domain_id, enabled=ref.get('enabled', True))
        store.apply(row, ref, ('name', 'default_project_id', 'description', 'email'))
        _set_password(row, ref.get('password'))
        sess.add(row)
        sess.flush()
    return row


def get_user(user_id):
    with store.transaction() as sess:
        return store.get(sess, models.User, user_id)


def update_user(user_id, read_ref):
    """Update a user with the fields ``read_ref()`` returns.

    A new password or a disable revokes every token of the user.

    :param read_ref: returns the validated request fields; called once the
        user is known to exist, so a missing user is a 404 whatever the body
    """
    with store.transaction() as sess:
        row = store.get(sess, models.User, user_id)
        ref = read_ref()
        name = ref.get('name', row.name)
        if name != row.name and store.find_by_name(sess, models.User, name, row.domain_id):
            raise errors.Conflict.duplicate('user', name, row.domain_id)
        if ref.get('default_project_id'):
            store.get(sess, models.Project, ref['default_project_id'])
        store.apply(row, ref, ('name', 'enabled', 'default_project_id', 'description', 'email'))
        if 'password' in ref:
            _set_password(row, ref['password'])
        if 'password' in ref or ref.get('enabled') is False:
            tokens.revoke_user(sess, user_id)
    return row


def delete_user(user_id):
    """Delete a user, its grants and its tokens."""
    with store.transaction() as sess:
        store.delete_user(sess, store.get(sess, models.User, user_id))


def change_password(user_id, original_password, password):
    """Self-service password change, proven by the original password; revokes the user's tokens.

    :raises errors.Unauthorized: unknown user, wrong original password, or the user or its
        domain disabled (Keystone's generic 401 for all of them)
    """
    with store.transaction() as sess:
        row = sess.get(models.User, user_id)
        if row is None or not passwords.verify_password(original_password, row.password_hash):
            if row is None:
                passwords.burn_time(original_password)
            raise errors.Unauthorized()
        if not (row.enabled and sess.get(models.Domain, row.domain_id).enabled):
            raise errors.Unauthorized()
        _set_password(row, password)
        tokens.revoke_user(sess, user_id)
