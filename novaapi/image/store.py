"""Image bytes on disk: one file per image under ``<data_dir>/images``, written in chunks.

Nothing here holds a whole image in memory: an upload is copied chunk by
chunk into a temporary file beside its final place while MD5 and SHA-512 are
computed, then renamed; a download reads the file back in chunks.  A file is
removed only after the transaction that deleted its image commits.
"""

import hashlib
import os

from sqlalchemy import event

from novaapi import conf

CHUNK = 64 * 1024
HASH_ALGO = 'sha512'
_PENDING = 'novaapi.image.files_to_remove'


class SizeMismatch(Exception):
    """The body was not as long as announced (a broken or lying client)."""


class TooLarge(Exception):
    """The body passed the size cap."""


def directory():
    path = os.path.join(conf.CONF.data_path, 'images')
    os.makedirs(path, mode=0o700, exist_ok=True)
    return path


def path(image_id):
    return os.path.join(directory(), image_id)


def exists(image_id, suffix=''):
    return os.path.exists(path(image_id) + suffix)


class Written:
    """What a completed write produced: ``size``, ``checksum`` (MD5) and ``os_hash_value``."""

    def __init__(self, size, checksum, os_hash_value):
        self.size = size
        self.checksum = checksum
        self.os_hash_value = os_hash_value
        self.os_hash_algo = HASH_ALGO


def write(image_id, chunks, expected=None, cap=None, suffix=''):
    """Store the bytes ``chunks`` yields as the data of ``image_id`` (``suffix``: a staging copy).

    :param expected: the announced length; a different total raises :class:`SizeMismatch`
    :param cap: the largest size accepted (:class:`TooLarge` past it)
    :returns: :class:`Written`
    """
    final = path(image_id) + suffix
    partial = final + '.partial'
    md5, sha = hashlib.md5(usedforsecurity=False), hashlib.sha512()
    size = 0
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, 'wb') as f:
            for chunk in chunks:
                if not chunk:
                    continue
                size += len(chunk)
                if cap is not None and size > cap:
                    raise TooLarge()
                if expected is not None and size > expected:
                    raise SizeMismatch()
                md5.update(chunk)
                sha.update(chunk)
                f.write(chunk)
        if expected is not None and size != expected:
            raise SizeMismatch()
        os.replace(partial, final)
    except BaseException:
        _unlink(partial)
        raise
    return Written(size, md5.hexdigest(), sha.hexdigest())


def promote(image_id, suffix):
    """Make a staged copy (written with ``suffix``) the image's data."""
    os.replace(path(image_id) + suffix, path(image_id))


def digest(image_id):
    """:class:`Written` of the stored data, read back chunk by chunk."""
    md5, sha = hashlib.md5(usedforsecurity=False), hashlib.sha512()
    size = 0
    for chunk in read(image_id):
        size += len(chunk)
        md5.update(chunk)
        sha.update(chunk)
    return Written(size, md5.hexdigest(), sha.hexdigest())


def read(image_id, start=0, end=None):
    """Yield the data of ``image_id`` from byte ``start`` up to ``end`` (exclusive) in chunks."""
    with open(path(image_id), 'rb') as f:
        f.seek(start)
        left = None if end is None else end - start
        while left is None or left > 0:
            chunk = f.read(CHUNK if left is None else min(CHUNK, left))
            if not chunk:
                return
            if left is not None:
                left -= len(chunk)
            yield chunk


def _unlink(name):
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass


def remove_now(image_id):
    for suffix in ('', '.staging', '.partial', '.staging.partial'):
        _unlink(path(image_id) + suffix)


def remove_after_commit(sess, image_id):
    """Remove the image's files once ``sess``'s transaction commits (never on rollback)."""
    pending = sess.info.get(_PENDING)
    if pending is None:
        pending = sess.info[_PENDING] = []

        def _after_commit(session):
            for name in session.info.pop(_PENDING, []):
                remove_now(name)

        event.listen(sess, 'after_commit', _after_commit, once=True)
    pending.append(image_id)


def generated(seed, size):
    """``size`` reproducible bytes derived from ``seed`` (a qcow2 magic in front), in chunks.

    The seeded image and server snapshots carry these in place of a real disk.
    """
    header = b'QFI\xfb' + seed.encode('utf-8')[:60]
    block = hashlib.sha512(seed.encode('utf-8')).digest() * (CHUNK // 64)
    sent = 0
    first = header + block[len(header):]
    while sent < size:
        piece = (first if sent == 0 else block)[:size - sent]
        sent += len(piece)
        yield piece
