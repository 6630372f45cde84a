"""Small WebOb middlewares, each a PasteDeploy filter; the order lives in etc/api-paste.ini."""

import webob.dec


class Middleware:
    """Base filter: override ``process_request`` (return a response to stop) or ``process_response``."""

    def __init__(self, application, **local_conf):
        self.application = application
        self.local_conf = local_conf

    @classmethod
    def factory(cls, global_conf, **local_conf):
        def _filter(app):
            return cls(app, **local_conf)
        return _filter

    def process_request(self, req):
        return None

    def process_response(self, req, response):
        return response

    @webob.dec.wsgify
    def __call__(self, req):
        response = self.process_request(req)
        if response is None:
            response = req.get_response(self.application)
        return self.process_response(req, response)
