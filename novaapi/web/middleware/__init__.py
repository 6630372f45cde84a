"""Paste filters every endpoint shares; each pipeline's order lives in etc/api-paste.ini.

Each filter takes its options from its ``[filter:...]`` section; those that
answer errors take ``error_format`` (``nova``, ``keystone``, ``glance`` or
``neutron``, see :mod:`novaapi.web.faults`), default ``nova``.
"""

import webob

from novaapi.web import errors
from novaapi.web import faults


def request_memo(environ):
    """A dict the filters, and the callables they call, share for one request only
    (the token validator and the fault checker read their generations through it)."""
    memo = environ.get('novaapi.request_memo')
    if memo is None:
        memo = environ['novaapi.request_memo'] = {}
    return memo


class Middleware:
    """Base filter: override ``process_request`` (return a response, or raise an
    :class:`~novaapi.web.errors.HTTPError`, to stop) or ``process_response``.

    A request the filter lets through goes to the next application as plain WSGI:
    no response object is built unless ``process_response`` is overridden.
    """

    def __init__(self, application, **local_conf):
        self.application = application
        self.local_conf = local_conf
        self.error_format = faults.get(local_conf.get('error_format', 'nova'))

    @classmethod
    def factory(cls, global_conf, **local_conf):
        """PasteDeploy ``filter_factory``: the filter with its section's options."""
        def _filter(app):
            return cls(app, **local_conf)
        return _filter

    def process_request(self, req):
        return None

    def process_response(self, req, response):
        return response

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        try:
            response = self.process_request(req)
        except errors.HTTPError as err:
            response = self.error_format.render(req, err)
            return response(environ, start_response)
        if response is None:
            if type(self).process_response is Middleware.process_response:
                return self.application(environ, start_response)
            response = req.get_response(self.application)
        return self.process_response(req, response)(environ, start_response)
