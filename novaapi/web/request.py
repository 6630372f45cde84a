"""Reading a request without tripping on it: URL encoding, chunked bodies, size, JSON.

Everything here raises :mod:`~novaapi.web.errors` (400 or 413), never a
``UnicodeDecodeError`` or ``RecursionError`` that would end as a traceback.
"""

import json
import urllib.parse

from novaapi.web import errors

_LOG_SAFE = "/?&=;:@$,+!*'()-._~%"


def check_url(environ):
    """Refuse a path or query string that is not percent-encoded UTF-8.

    WSGI servers hand ``PATH_INFO`` over already percent-decoded, as latin-1
    characters standing for bytes; WebOb decodes those bytes as UTF-8 on
    every ``req.path`` and ``req.GET``, so bad bytes must stop here.

    :raises MalformedURL: for bytes that are not UTF-8.
    """
    try:
        for key in ('SCRIPT_NAME', 'PATH_INFO'):
            environ.get(key, '').encode('latin-1').decode('utf-8')
        query = environ.get('QUERY_STRING', '').encode('latin-1')
        urllib.parse.unquote_to_bytes(query).decode('utf-8')
    except UnicodeError:
        raise errors.MalformedURL() from None


def loggable_path(environ):
    """``SCRIPT_NAME + PATH_INFO [? QUERY_STRING]`` for a log line, whatever bytes it holds."""
    raw = (environ.get('SCRIPT_NAME', '') + environ.get('PATH_INFO', '')).encode('latin-1')
    try:
        path = raw.decode('utf-8')
    except UnicodeDecodeError:
        path = urllib.parse.quote(raw, safe=_LOG_SAFE)
    query = environ.get('QUERY_STRING')
    return '%s?%s' % (path, query) if query else path


def is_chunked(req):
    """True for a body sent with ``Transfer-Encoding: chunked`` and no ``Content-Length``."""
    encoding = req.headers.get('Transfer-Encoding', '').lower()
    return req.content_length is None and 'chunked' in encoding


def limit_body(req, limit):
    """Refuse a body past ``limit`` bytes, without reading a sized one.

    A chunked body is read once (at most ``limit`` + 1 bytes) and kept in the
    request with its length, so every later reader (``req.body``) sees it.

    :raises PayloadTooLarge: past ``limit``.
    :raises BadRequest: for broken chunked framing.
    """
    if req.content_length is not None:
        if req.content_length > limit:
            raise errors.PayloadTooLarge(limit)
    elif is_chunked(req):
        _buffer_chunked(req, limit)


def read_body(req):
    """The request body as bytes, sized or chunked (then kept in the request).

    :raises BadRequest: for broken chunked framing.
    """
    if is_chunked(req):
        _buffer_chunked(req, None)
    return req.body


def _buffer_chunked(req, limit):
    try:
        data = req.body_file_raw.read(None if limit is None else limit + 1)
    except (OSError, ValueError):
        raise errors.BadRequest('Malformed chunked request body.') from None
    if limit is not None and len(data) > limit:
        raise errors.PayloadTooLarge(limit)
    req.body = data


def parse_json(raw, encoding=None):
    """Decode a JSON document.

    :param raw: bytes or text
    :param encoding: decode bytes with it first (else JSON's own detection)
    :raises MalformedBody: for bad syntax, bad bytes or nesting too deep to decode.
    """
    try:
        if encoding is not None and isinstance(raw, bytes):
            raw = raw.decode(encoding)
        return json.loads(raw)
    except (ValueError, RecursionError):
        # NOTE: UnicodeDecodeError is a ValueError; the C decoder raises
        # RecursionError for arrays nested about a thousand deep.
        raise errors.MalformedBody() from None
