"""Absolute limits and usage of the caller's project (``/limits``)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import limits as schema
from novaapi.api.views import limits as views
from novaapi.compute import policy
from novaapi.compute import quotas


class LimitsController(wsgi.Controller):

    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def index(self, req):
        policy.authorize(req.context, 'limits', target={})
        project_id = req.context.project_id
        if 'tenant_id' in req.GET:
            project_id = req.GET.get('tenant_id')
            policy.authorize(req.context, 'limits:other_project')
        return views.index(req, *quotas.show_usage(req.context, project_id))
