"""/os-simple-tenant-usage: what each project's servers used over a period."""

from novaapi.api import common
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import simple_tenant_usage as schema
from novaapi.api.views import simple_tenant_usage as views
from novaapi.compute import policy
from novaapi.compute import tenant_usage
from novaapi import conf


def _page(req):
    if req.is_version('2.40'):
        return common.limit_and_marker(req)
    return conf.CONF.api.max_limit, None


class SimpleTenantUsageController(wsgi.Controller):

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query)
    def index(self, req):
        policy.authorize(req.context, 'os-simple-tenant-usage:list')
        start, stop = tenant_usage.period(req.GET.get('start'), req.GET.get('end'))
        detailed = req.GET.get('detailed', '0') == '1'
        limit, marker = _page(req)
        summaries, servers = tenant_usage.usage_report(req.context, start, stop, None, detailed,
                                                       limit, marker)
        return views.index(req, summaries, servers, req.is_version('2.40'))

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        policy.authorize(req.context, 'os-simple-tenant-usage:show', target={'project_id': id})
        start, stop = tenant_usage.period(req.GET.get('start'), req.GET.get('end'))
        limit, marker = _page(req)
        summaries, servers = tenant_usage.usage_report(req.context, start, stop, id, True, limit,
                                                       marker)
        return views.show(req, id, summaries, servers, req.is_version('2.40'))
