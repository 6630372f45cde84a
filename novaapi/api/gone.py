"""The controller of APIs Nova has removed (their routes are in ``routes``): always 410."""

from novaapi.api import wsgi


class GoneController(wsgi.Controller):

    @wsgi.removed
    def gone(self, req, **kwargs):
        raise AssertionError('removed APIs never run')

