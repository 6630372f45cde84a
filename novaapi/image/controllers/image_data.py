"""``/v2/images/{id}/file`` and ``/stage``: bytes in and out, streamed in chunks."""

import re

import webob

from novaapi import exception
from novaapi.image import data
from novaapi.image.controllers import images
from novaapi.web import errors as web_errors
from novaapi.web import responses

CHUNK = 64 * 1024
OCTET_STREAM = 'application/octet-stream'
RANGE = re.compile(r'^bytes=(\d*)-(\d*)$')


def _chunks(req):
    """The request body in chunks: ``Content-Length`` bytes, or a chunked body to its end."""
    stream = req.environ['wsgi.input']
    left = req.content_length
    while left is None or left > 0:
        chunk = stream.read(CHUNK if left is None else min(CHUNK, left))
        if not chunk:
            return
        if left is not None:
            left -= len(chunk)
        yield chunk


def _expected(req):
    """The size the client announced (``x-openstack-image-size`` or ``Content-Length``)."""
    announced = req.headers.get('x-openstack-image-size')
    if announced is not None:
        try:
            size = int(announced)
        except ValueError:
            raise images.bad_request('x-openstack-image-size must be an integer') from None
        if size < 0 or (req.content_length is not None and size != req.content_length):
            raise images.bad_request('x-openstack-image-size does not match the body size')
        return size
    return req.content_length


def _receive(call, image_id, write):
    if call.req.content_type != OCTET_STREAM:
        raise web_errors.ApiError(415, 'Content-Type must be application/octet-stream')
    expected = _expected(call.req)
    try:
        write(call.ctx, image_id, _chunks(call.req), expected)
    except exception.NovaException as err:
        raise images.domain_error(err, image_id) from None
    return responses.no_content()


def upload(call, image_id):
    """``PUT /v2/images/{id}/file``: 204 once the image is active."""
    return _receive(call, image_id, data.upload)


def stage(call, image_id):
    """``PUT /v2/images/{id}/stage``: 204; the image waits in ``uploading`` for its import."""
    return _receive(call, image_id, data.stage)


def _range(header, size):
    """``(start, end)`` (end exclusive) of a ``Range: bytes=a-b`` header, None without one.

    :raises web_errors.ApiError: 416 for a range outside the data
    """
    match = RANGE.match(header.strip()) if header else None
    if match is None or not any(match.groups()):
        return None
    first, last = match.groups()
    if first:
        start, end = int(first), (int(last) + 1 if last else size)
    else:
        start, end = max(size - int(last), 0), size
    end = min(end, size)
    if start >= size or start >= end:
        raise web_errors.ApiError(416, 'Requested range not satisfiable',
                                  headers={'Content-Range': 'bytes */%d' % size})
    return start, end


def download(call, image_id):
    """``GET /v2/images/{id}/file``: 200 with the bytes (206 for a range), 204 without data."""
    try:
        image = data.download(call.ctx, image_id)
    except exception.NovaException as err:
        raise images.domain_error(err, image_id) from None
    if not data.has_data(image):
        return responses.no_content()
    byte_range = _range(call.req.headers.get('Range'), image.size)
    resp = webob.Response(status=200, content_type=OCTET_STREAM, charset=None)
    resp.app_iter = data.chunks(image, byte_range)
    if byte_range:
        resp.status = 206
        resp.content_length = byte_range[1] - byte_range[0]
        resp.headers['Content-Range'] = 'bytes %d-%d/%d' % (byte_range[0], byte_range[1] - 1,
                                                            image.size)
    else:
        resp.content_length = image.size
    if image.checksum:
        resp.headers['Content-MD5'] = image.checksum
    return resp
