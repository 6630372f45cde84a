"""/os-availability-zone: the zones of the compute hosts (and, for admins, their services)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_sub
from novaapi.api.views import availability_zones as views
from novaapi.compute import hosts
from novaapi.compute import policy
from novaapi.compute import services


class AvailabilityZoneController(wsgi.Controller):

    @wsgi.expected_errors(())
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req):
        policy.authorize(req.context, 'os-availability-zone:list', target={})
        return views.index(hosts.list_availability_zones(req.context))

    @wsgi.expected_errors(())
    @validation.query_schema(server_sub.NO_QUERY)
    def detail(self, req):
        policy.authorize(req.context, 'os-availability-zone:detail', target={})
        return views.detail(services.list_for_api(req.context), services.updated_time)
