"""Refuses request bodies above ``[api] max_request_body_size`` with 413, chunked ones too.

A chunked body is read here (at most one byte past the limit) and handed on
with its length, so everything below reads it like a sized one.

Option ``streamed_paths``: shell-style patterns of paths whose bodies are data
the application streams itself (image uploads); they pass untouched.
"""

import fnmatch

from novaapi import conf
from novaapi.web import middleware
from novaapi.web import request


class RequestBodySizeLimiter(middleware.Middleware):

    def __init__(self, application, **local_conf):
        super().__init__(application, **local_conf)
        self.streamed = local_conf.get('streamed_paths', '').split()

    def process_request(self, req):
        if any(fnmatch.fnmatchcase(req.path_info, p) for p in self.streamed):
            return None
        request.limit_body(req, conf.CONF.api.max_request_body_size)
        return None
