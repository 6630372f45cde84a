"""Salted scrypt password hashes kept in one self-describing string.

The stored form is ``scrypt$<N>$<r>$<p>$<salt>$<hash>`` (salt and hash in
URL-safe base64), so the work factor can be raised later without breaking
existing hashes: verification always uses the parameters of the stored string.
"""

import base64
import hashlib
import hmac
import secrets

from novaapi import conf

ALGORITHM = 'scrypt'
BLOCK_SIZE = 8
PARALLELISM = 1
SALT_BYTES = 16
KEY_BYTES = 32
# NOTE: Keystone's default [identity] max_password_length; longer input is
# refused rather than hashed, so a huge body cannot burn CPU.
MAX_LENGTH = 4096


def _b64(raw):
    return base64.urlsafe_b64encode(raw).decode('ascii').rstrip('=')


def _unb64(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def _derive(password, salt, n, r, p):
    # scrypt needs 128 * r * N bytes; leave headroom over OpenSSL's 32 MiB default.
    maxmem = 128 * r * n * 2 + 1024 * 1024
    return hashlib.scrypt(password.encode('utf-8'), salt=salt, n=n, r=r, p=p,
                          maxmem=maxmem, dklen=KEY_BYTES)


def hash_password(password, rounds=None):
    """Return the storable hash of ``password``.

    :param password: the clear-text password (str)
    :param rounds: scrypt N, a power of two; defaults to
        ``CONF.identity.password_hash_rounds``
    :returns: ``scrypt$N$r$p$salt$hash``
    :raises ValueError: for a non-string, over-long password or a bad N
    """
    if not isinstance(password, str) or len(password) > MAX_LENGTH:
        raise ValueError('password must be a string of at most %d characters' % MAX_LENGTH)
    n = rounds or conf.CONF.identity.password_hash_rounds
    if n < 2 or n & (n - 1):
        raise ValueError('password_hash_rounds must be a power of two greater than 1')
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _derive(password, salt, n, BLOCK_SIZE, PARALLELISM)
    return '$'.join([ALGORITHM, str(n), str(BLOCK_SIZE), str(PARALLELISM),
                     _b64(salt), _b64(digest)])


def verify_password(password, stored):
    """Whether ``password`` matches the ``stored`` hash, compared in constant time.

    An empty or malformed stored hash never matches.
    """
    if not isinstance(password, str) or not stored or len(password) > MAX_LENGTH:
        return False
    try:
        algorithm, n, r, p, salt, digest = stored.split('$')
        if algorithm != ALGORITHM:
            return False
        expected = _unb64(digest)
        actual = _derive(password, _unb64(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def burn_time(password):
    """Spend about as long as a real verification, for unknown users.

    Keeps the response time of "no such user" close to "wrong password".
    """
    verify_password(password if isinstance(password, str) else '', _dummy_hash())


_DUMMY = {}


def _dummy_hash():
    n = conf.CONF.identity.password_hash_rounds
    if n not in _DUMMY:
        _DUMMY[n] = hash_password(secrets.token_urlsafe(16), rounds=n)
    return _DUMMY[n]
