"""Key pairs: per-user SSH keys and X.509 certificates, unique by name for their user.

The functions taking ``ctx`` serve one request each, in one transaction; the
ones taking ``sess`` compose inside a caller's transaction.
"""

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from novaapi.compute import models
from novaapi.compute import quotas
from novaapi.compute import ssh_keys
from novaapi.db import engine
from novaapi.db import utils
from novaapi import exception

SSH = 'ssh'
X509 = 'x509'


def _query(user_id, name):
    return sa.select(models.KeyPair).where(models.KeyPair.user_id == user_id,
                                           models.KeyPair.name == name)


def get(sess, user_id, name):
    """The user's key pair ``name`` (``.name``, ``.public_key``, ``.fingerprint``, ``.type``).

    :raises exception.KeypairNotFound: no such key pair for that user.
    """
    keypair = sess.scalars(_query(user_id, name)).first()
    if keypair is None:
        raise exception.KeypairNotFound(name=name, user_id=user_id)
    return keypair


def get_all(sess, user_id, limit=None, marker=None):
    """The user's key pairs by name, after the one named ``marker``."""
    marker_row = None
    if marker is not None:
        marker_row = sess.scalars(_query(user_id, marker)).first()
        if marker_row is None:
            raise exception.KeypairMarkerNotFound(marker=marker)
    query = sa.select(models.KeyPair).where(models.KeyPair.user_id == user_id)
    return list(sess.scalars(utils.paginate(query, models.KeyPair, limit, ['name'], ['asc'],
                                            marker_row)))


def _fingerprint(public_key, key_type):
    if key_type == X509:
        return ssh_keys.x509_fingerprint(public_key)
    return ssh_keys.ssh_fingerprint(public_key)


def _generate(user_id, key_type):
    if key_type == X509:
        return ssh_keys.generate_x509(user_id)
    return ssh_keys.generate_rsa()


def create(sess, project_id, user_id, name, key_type=SSH, public_key=None):
    """Import ``public_key``, or generate a key pair when it is None.

    :returns: ``(keypair, private_key)``; ``private_key`` is None for an import.
    :raises exception.KeypairLimitExceeded: the user holds ``key_pairs`` key pairs already.
    :raises exception.InvalidKeypair: ``public_key`` is not a key of ``key_type``.
    :raises exception.KeyPairExists: the user has a key pair of that name.
    """
    private_key = fingerprint = None
    if public_key is None:
        # NOTE: generated before taking the user's quota lock, which is held until commit.
        private_key, public_key, fingerprint = _generate(user_id, key_type)
    try:
        quotas.enforce(sess, project_id, user_id, {'key_pairs': 1}, lock_key='user:' + user_id)
    except exception.OverQuota:
        raise exception.KeypairLimitExceeded() from None
    fingerprint = fingerprint or _fingerprint(public_key, key_type)
    if sess.scalars(_query(user_id, name)).first() is not None:
        raise exception.KeyPairExists(key_name=name)
    keypair = models.KeyPair(name=name, user_id=user_id, type=key_type, public_key=public_key,
                             fingerprint=fingerprint)
    sess.add(keypair)
    try:
        sess.flush()
    except sa_exc.IntegrityError:  # pragma: no cover - the user's quota lock orders creates
        raise exception.KeyPairExists(key_name=name) from None
    return keypair, private_key


def delete(sess, user_id, name):
    """:raises exception.KeypairNotFound: no such key pair for that user."""
    sess.delete(get(sess, user_id, name))
    sess.flush()


def list_keypairs(ctx, user_id, limit=None, marker=None):
    """A page of the key pairs of ``user_id`` (see :func:`get_all`)."""
    with engine.transaction() as sess:
        return get_all(sess, user_id, limit, marker)


def show_keypair(ctx, user_id, name):
    """:raises exception.KeypairNotFound: no such key pair for that user."""
    with engine.transaction() as sess:
        return get(sess, user_id, name)


def create_keypair(ctx, user_id, name, key_type=SSH, public_key=None):
    """A key pair of ``user_id`` in the caller's project; returns as :func:`create`."""
    with engine.transaction() as sess:
        return create(sess, ctx.project_id, user_id, name, key_type, public_key)


def delete_keypair(ctx, user_id, name):
    """:raises exception.KeypairNotFound: no such key pair for that user."""
    with engine.transaction() as sess:
        delete(sess, user_id, name)
