"""Gives each request a fresh ``req-<uuid>`` id and returns it in the response headers.

Option ``compat_headers``: more header names carrying the same id (compute
sends ``x-compute-request-id`` too).
"""

import re
import uuid

from novaapi.web import middleware

ENV_REQUEST_ID = 'openstack.request_id'
ENV_GLOBAL_REQUEST_ID = 'openstack.global_request_id'
_GLOBAL_ID = re.compile(r'^req-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$')


class RequestId(middleware.Middleware):

    def __init__(self, application, **local_conf):
        super().__init__(application, **local_conf)
        self.compat_headers = local_conf.get('compat_headers', '').split()

    def process_request(self, req):
        req.environ[ENV_REQUEST_ID] = 'req-%s' % uuid.uuid4()
        inbound = req.headers.get('X-Openstack-Request-Id', '')
        if _GLOBAL_ID.match(inbound):
            req.environ[ENV_GLOBAL_REQUEST_ID] = inbound
        return None

    def process_response(self, req, response):
        request_id = req.environ[ENV_REQUEST_ID]
        response.headers['x-openstack-request-id'] = request_id
        for name in self.compat_headers:
            response.headers[name] = request_id
        return response
