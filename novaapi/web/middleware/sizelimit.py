"""Refuses request bodies above ``[api] max_request_body_size`` with 413, chunked ones too.

A chunked body is read here (at most one byte past the limit) and handed on
with its length, so everything below reads it like a sized one.
"""

from novaapi import conf
from novaapi.web import middleware
from novaapi.web import request


class RequestBodySizeLimiter(middleware.Middleware):

    def process_request(self, req):
        request.limit_body(req, conf.CONF.api.max_request_body_size)
        return None
