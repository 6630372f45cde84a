"""/os-services: list, enable/disable, force down and delete the deployment's services."""

from novaapi.api import common
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import services as schema
from novaapi.api.views import services as views
from novaapi.compute import policy
from novaapi.compute import services
from novaapi import exception


LEGACY_ACTIONS = ('enable', 'disable', 'disable-log-reason')


class ServiceController(wsgi.Controller):

    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def index(self, req):
        policy.authorize(req.context, 'os-services:list', target={})
        found = services.list_for_api(req.context, req.GET.get('host'), req.GET.get('binary'))
        return views.index(req, found, services.updated_time)

    @wsgi.expected_errors((400, 404))
    @validation.schema(schema.update)
    def update(self, req, id, body):
        if req.is_version('2.53'):
            common.check_service_id(req, id)
            policy.authorize(req.context, 'os-services:update', target={})
            info = services.update_service(req.context, id, body)
            return {'service': views.detail(req, info, services.updated_time(info))}
        policy.authorize(req.context, 'os-services:update', target={})
        actions = LEGACY_ACTIONS + (('force-down',) if req.is_version('2.11') else ())
        if id not in actions:
            raise exception.NotFound('Unknown action')
        fields = services.update_by_host(req.context, id, body['host'], body['binary'], body)
        return views.action_result(body['host'], body['binary'], **fields)

    @wsgi.response(204)
    @wsgi.expected_errors((400, 404, 409))
    def delete(self, req, id):
        policy.authorize(req.context, 'os-services:delete', target={})
        common.check_service_id(req, id)
        services.delete_service(req.context, id)
