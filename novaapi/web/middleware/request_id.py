"""Gives each request a fresh ``req-<uuid>`` id and returns it in the response headers.

Option ``compat_headers``: more header names carrying the same id (compute
sends ``x-compute-request-id`` too).
"""

import random
import re

from novaapi.web import middleware

ENV_REQUEST_ID = 'openstack.request_id'
ENV_GLOBAL_REQUEST_ID = 'openstack.global_request_id'
_GLOBAL_ID = re.compile(r'^req-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$')
# The version (4) and variant (RFC 4122) bits of a random UUID, and the bits they replace.
_UUID4_SET = (0x4 << 76) | (0x2 << 62)
_UUID4_CLEAR = ~((0xf << 76) | (0x3 << 62))


def new_request_id():
    """``req-`` and a random (version 4) UUID, in its usual text form.

    Ids need to be unique, not secret: Python's generator (seeded afresh in every forked
    worker) instead of ``uuid.uuid4``, whose system call and UUID object cost more than
    the rest of this middleware.
    """
    digits = '%032x' % (random.getrandbits(128) & _UUID4_CLEAR | _UUID4_SET)
    return 'req-%s-%s-%s-%s-%s' % (digits[:8], digits[8:12], digits[12:16], digits[16:20],
                                   digits[20:])


class RequestId(middleware.Middleware):

    def __init__(self, application, **local_conf):
        super().__init__(application, **local_conf)
        self.compat_headers = local_conf.get('compat_headers', '').split()

    def __call__(self, environ, start_response):
        request_id = environ[ENV_REQUEST_ID] = new_request_id()
        inbound = environ.get('HTTP_X_OPENSTACK_REQUEST_ID', '')
        if _GLOBAL_ID.match(inbound):
            environ[ENV_GLOBAL_REQUEST_ID] = inbound
        names = ['x-openstack-request-id'] + self.compat_headers
        ours = {name.lower() for name in names}

        def with_id(status, headers, exc_info=None):
            headers = [h for h in headers if h[0].lower() not in ours]
            headers.extend((name, request_id) for name in names)
            return start_response(status, headers, exc_info)
        return self.application(environ, with_id)
