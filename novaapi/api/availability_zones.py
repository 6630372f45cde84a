"""/os-availability-zone: the zones of the compute hosts (and, for admins, their services)."""

from novaapi.api import wsgi
from novaapi.api.views import availability_zones as views
from novaapi.compute import hosts
from novaapi.compute import policy
from novaapi.db import engine


class AvailabilityZoneController(wsgi.Controller):

    @wsgi.expected_errors(())
    def index(self, req):
        policy.authorize(req.context, 'os-availability-zone:list', target={})
        with engine.transaction() as sess:
            return views.index(hosts.availability_zones(sess))

    @wsgi.expected_errors(())
    def detail(self, req):
        policy.authorize(req.context, 'os-availability-zone:detail', target={})
        with engine.transaction() as sess:
            return views.detail(hosts.availability_zones(sess))
