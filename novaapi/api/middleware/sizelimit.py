"""Refuses request bodies above ``[api] max_request_body_size`` with 413."""

import io

from novaapi.api import middleware
from novaapi.api import wsgi
from novaapi import conf


class RequestBodySizeLimiter(middleware.Middleware):

    def process_request(self, req):
        limit = conf.CONF.api.max_request_body_size
        too_large = wsgi.fault_response(
            413, 'Request is too large. Larger than max_request_body_size (%d).' % limit)
        if req.content_length is not None:
            return too_large if req.content_length > limit else None
        if req.is_body_readable:
            # Chunked upload: read at most one byte past the limit.
            data = req.body_file.read(limit + 1)
            if len(data) > limit:
                return too_large
            req.body_file = io.BytesIO(data)
            req.content_length = len(data)
        return None
