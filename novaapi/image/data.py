"""Image data and the image life cycle: upload, stage, import, download, (de)activation, tags.

Bytes never travel inside a transaction: an upload is one short unit of work
that moves the image to ``saving`` (or ``uploading`` when staged), the copy to
disk (:mod:`novaapi.image.store`), then one that records size and checksums
and makes it ``active`` -- or, when the copy fails, ``killed`` (a broken body)
or back to ``queued`` (a refused one).  A concurrent delete wins: the late
bytes are thrown away.
"""

from novaapi import conf
from novaapi.db import engine
from novaapi import exception
from novaapi.image import api
from novaapi.image import policy
from novaapi.image import quotas
from novaapi.image import store

IMPORT_METHODS = ('glance-direct', 'copy-image')
STAGED = '.staging'
# Glance's ``valid_state_targets``: where each status may go next.
TRANSITIONS = {
    'queued': ('saving', 'uploading', 'importing', 'active', 'deleted'),
    'saving': ('active', 'killed', 'deleted', 'queued'),
    'uploading': ('importing', 'queued', 'deleted'),
    'importing': ('active', 'deleted', 'queued'),
    'active': ('pending_delete', 'deleted', 'deactivated'),
    'killed': ('deleted',),
    'pending_delete': ('deleted', 'active'),
    'deactivated': ('active', 'deleted'),
    'deleted': (),
}
MAX_TAG_LENGTH = 255


class InvalidTransition(exception.Conflict):
    msg_fmt = 'Image status transition from %(current)s to %(target)s is not allowed'


class FormatsMissing(exception.Invalid):
    msg_fmt = 'Properties disk_format, container_format must be set prior to saving data.'


class SizeMismatch(exception.Invalid):
    msg_fmt = ('Size of the uploaded data (%(actual)s bytes) differs from the announced '
               'size (%(expected)s bytes).')


class TooLarge(exception.NovaException):
    code = 413
    msg_fmt = 'Image exceeds the storage quota: %(reason)s'


class Deactivated(exception.Forbidden):
    msg_fmt = 'The requested image has been deactivated. Image data download is forbidden.'


class NotAllowed(exception.Forbidden):
    msg_fmt = "Not allowed to %(verb)s image in status '%(status)s'"


class ImportConflict(exception.Conflict):
    msg_fmt = '%(reason)s'


class UnknownMethod(exception.Invalid):
    msg_fmt = 'Import method %(name)s is not valid for this image.'


class TagNotFound(exception.NotFound):
    msg_fmt = 'Tag %(tag)s not found.'


class TagTooLong(exception.Invalid):
    msg_fmt = 'Provided object does not match schema \'image\': \'%(tag)s\' is too long'


def _move(image, target):
    if target not in TRANSITIONS.get(image.status, ()):
        raise InvalidTransition(current=image.status, target=target)
    image.status = target


def _cap():
    return conf.CONF.image.image_size_cap


def _quota_left(sess, ctx):
    """Bytes the project may still store (None: unlimited)."""
    quota = conf.CONF.image.user_storage_quota
    if not quota:
        return None
    return max(quota - api.bytes_stored(sess, ctx.project_id), 0)


def _begin(ctx, image_id, target, expected=None):
    """Move a queued image the caller may upload to ``target``; the byte budget it has.

    :raises quotas.LimitExceeded: with unified limits on, past the stored (or staged) MiB or
        the images uploading at once
    """
    with engine.transaction() as sess:
        image = api.get(sess, ctx, image_id)
        policy.authorize(ctx, 'upload_image', policy.target(image))
        size_quota = quotas.IMAGE_STAGE_TOTAL if target == 'uploading' else quotas.IMAGE_SIZE_TOTAL
        quotas.enforce(sess, ctx.project_id, size_quota, (expected or 0) // quotas.MiB)
        if image.status == 'queued' and not (image.disk_format and image.container_format):
            raise FormatsMissing()
        _move(image, target)
        api.touch(image)
        sess.flush()
        quotas.enforce(sess, ctx.project_id, quotas.IMAGE_COUNT_UPLOADING)
        left = _quota_left(sess, ctx)
    cap = _cap()
    return cap if left is None else min(cap, left)


def _finish(image_id, written, expected_status, target):
    """Record what was written; an image deleted meanwhile loses its bytes.

    :returns: the image, or None when it was gone
    """
    with engine.transaction() as sess:
        image = api.lock(sess, image_id)
        if image is None or image.status != expected_status:
            store.remove_after_commit(sess, image_id)
            return None
        api.record_data(image, written)
        image.status = target
        return image


def _fail(image_id, expected_status, target):
    with engine.transaction() as sess:
        image = api.lock(sess, image_id)
        if image is not None and image.status == expected_status:
            image.status = target
            api.record_data(image, None)
            api.touch(image)


def _write(ctx, image_id, chunks, expected, during, suffix):
    """Copy the body to disk while the image is ``during``; :class:`store.Written`."""
    budget = _begin(ctx, image_id, during, expected)
    try:
        return store.write(image_id, chunks, expected=expected, cap=budget, suffix=suffix)
    except store.TooLarge:
        _fail(image_id, during, 'queued')
        raise TooLarge(reason='more than %d bytes' % budget) from None
    except store.SizeMismatch:
        _fail(image_id, during, 'queued')
        raise SizeMismatch(actual='other', expected=expected) from None
    except Exception:
        # A broken connection or a full disk: Glance's legacy status for a failed upload.
        _fail(image_id, during, 'killed' if during == 'saving' else 'queued')
        raise


def upload(ctx, image_id, chunks, expected=None):
    """``PUT /file``: store the bytes ``chunks`` yields; the image becomes active.

    :param expected: the announced size (``Content-Length`` or ``x-openstack-image-size``)
    :raises exception.ImageNotFound, policy.Forbidden, FormatsMissing, InvalidTransition,
        SizeMismatch, TooLarge:
    """
    written = _write(ctx, image_id, chunks, expected, 'saving', '')
    if _finish(image_id, written, 'saving', 'active') is None:
        raise exception.ImageNotFound(image_id=image_id)


def stage(ctx, image_id, chunks, expected=None):
    """``PUT /stage``: keep the bytes aside for a ``glance-direct`` import (status uploading)."""
    written = _write(ctx, image_id, chunks, expected, 'uploading', STAGED)
    with engine.transaction() as sess:
        image = api.lock(sess, image_id)
        if image is None or image.status != 'uploading':
            store.remove_after_commit(sess, image_id)
            raise exception.ImageNotFound(image_id=image_id)
        image.size = written.size


def import_image(ctx, image_id, method, stores=()):
    """``POST /import``: ``glance-direct`` makes staged bytes the data; ``copy-image`` has
    nothing to copy with one store and leaves an active image as it is.

    :raises UnknownMethod, ImportConflict, exception.ImageNotFound, policy.Forbidden:
    """
    if method not in IMPORT_METHODS:
        raise UnknownMethod(name=method)
    with engine.transaction() as sess:
        image = api.lock(sess, image_id, ctx)
        if method == 'copy-image':
            policy.authorize(ctx, 'copy_image', policy.target(image))
            if image.status != 'active':
                raise ImportConflict(reason='Image %s is not in active state' % image_id)
            return
        policy.authorize(ctx, 'modify_image', policy.target(image))
        quotas.enforce(sess, ctx.project_id, quotas.IMAGE_SIZE_TOTAL)
        if image.status == 'active':
            raise ImportConflict(reason='Image with status active cannot be target for import')
        if image.status != 'uploading' or not store.exists(image_id, STAGED):
            raise ImportConflict(reason="Image needs to be staged before 'glance-direct' "
                                        "method can be used")
        _move(image, 'importing')
    try:
        store.promote(image_id, STAGED)
        digest = store.digest(image_id)
    except OSError:
        _fail(image_id, 'importing', 'queued')
        raise ImportConflict(reason='The staged data of image %s is gone' % image_id) from None
    with engine.transaction() as sess:
        image = api.lock(sess, image_id)
        if image is None or image.status != 'importing':
            store.remove_after_commit(sess, image_id)
            return
        api.record_data(image, digest)
        image.status = 'active'


def download(ctx, image_id):
    """``GET /file``: the image whose data the caller may read.

    :raises exception.ImageNotFound, Deactivated, policy.Forbidden:
    """
    with engine.transaction() as sess:
        image = api.get(sess, ctx, image_id)
        policy.authorize(ctx, 'download_image', policy.target(image))
        if image.status == 'deactivated' and not ctx.is_admin:
            raise Deactivated()
    return image


def has_data(image):
    return image.status in ('active', 'deactivated') and image.size is not None \
        and store.exists(image.id)


def chunks(image, byte_range=None):
    """The image's bytes in chunks; ``byte_range`` is ``(start, end)``, end exclusive."""
    start, end = byte_range or (0, image.size)
    return store.read(image.id, start, end)


def _toggle(ctx, image_id, verb, source, target):
    with engine.transaction() as sess:
        image = api.get(sess, ctx, image_id)
        policy.authorize(ctx, verb, policy.target(image))
        if image.status == target:
            return
        if image.status != source:
            raise NotAllowed(verb=verb, status=image.status)
        image.status = target
        api.touch(image)


def deactivate(ctx, image_id):
    """Admins block an active image's data (no-op when already deactivated)."""
    _toggle(ctx, image_id, 'deactivate', 'active', 'deactivated')


def reactivate(ctx, image_id):
    _toggle(ctx, image_id, 'reactivate', 'deactivated', 'active')


def add_tag(ctx, image_id, tag):
    """``PUT /tags/{tag}``: idempotent.

    :raises TagTooLong, exception.ImageNotFound, policy.Forbidden:
    """
    if len(tag) > MAX_TAG_LENGTH:
        raise TagTooLong(tag=tag)
    with engine.transaction() as sess:
        image = api.get(sess, ctx, image_id)
        policy.authorize(ctx, 'modify_image', policy.target(image))
        if tag not in image.tag_list:
            api.update(sess, image, {'tags': image.tag_list + [tag]})


def delete_tag(ctx, image_id, tag):
    """:raises TagNotFound, exception.ImageNotFound, policy.Forbidden:"""
    with engine.transaction() as sess:
        image = api.get(sess, ctx, image_id)
        policy.authorize(ctx, 'modify_image', policy.target(image))
        if tag not in image.tag_list:
            raise TagNotFound(tag=tag)
        api.update(sess, image, {'tags': [t for t in image.tag_list if t != tag]})
