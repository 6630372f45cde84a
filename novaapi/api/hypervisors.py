"""/os-hypervisors: the compute nodes, their usage, uptime and servers."""

from novaapi.api import common
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import hypervisors as schema
from novaapi.api.views import hypervisors as views
from novaapi.compute import hypervisors
from novaapi.compute import policy
from novaapi import exception


PATTERN_PAGING = ('Paging over hypervisors with the hypervisor_hostname_pattern query parameter is '
                  'not supported.')


def _with_servers(req):
    if not req.is_version('2.53'):
        return False
    return common.parse_bool(req.GET.get('with_servers', False), 'with_servers')


def _check_id(req, hypervisor_id):
    if req.is_version('2.53'):
        common.check_service_id(req, hypervisor_id)
    elif not str(hypervisor_id).isdecimal():
        raise hypervisors.HypervisorNotFound(id=hypervisor_id)


class HypervisorsController(wsgi.Controller):

    def _list(self, req, detail):
        policy.authorize(req.context, 'os-hypervisors:list-detail' if detail else 'os-hypervisors:list',
                         target={})
        pattern = req.GET.get('hypervisor_hostname_pattern') if req.is_version('2.53') else None
        with_servers = _with_servers(req)
        paged = req.is_version('2.33') and pattern is None
        limit, marker = common.limit_and_marker(req) if paged else (None, None)
        if pattern is not None and ('limit' in req.GET or 'marker' in req.GET):
            raise exception.Invalid(PATTERN_PAGING)
        if pattern is not None:
            found = hypervisors.list_matching(req.context, pattern, with_servers)
        else:
            found = hypervisors.list_page(req.context, limit, marker, req.is_version('2.53'),
                                          with_servers)
        view = views.index(req, found, detail, with_servers=with_servers)
        if paged:
            collection = 'os-hypervisors/detail' if detail else 'os-hypervisors'
            links = common.collection_links(req, view['hypervisors'], collection, lambda h: h['id'])
            if links:
                view['hypervisors_links'] = links
        return view

    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.index_query)
    def index(self, req):
        return self._list(req, detail=False)

    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.index_query)
    def detail(self, req):
        return self._list(req, detail=True)

    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        with_servers = _with_servers(req)
        policy.authorize(req.context, 'os-hypervisors:show', target={})
        _check_id(req, id)
        hyp = hypervisors.show_hypervisor(req.context, id, req.is_version('2.53'), with_servers)
        return views.show(req, hyp, with_servers)

    @wsgi.api_version(None, '2.87')
    @wsgi.expected_errors((400, 404, 501))
    def uptime(self, req, id):
        policy.authorize(req.context, 'os-hypervisors:uptime', target={})
        _check_id(req, id)
        return views.uptime(req, hypervisors.show_uptime(req.context, id, req.is_version('2.53')))

    @wsgi.api_version(None, '2.52')
    @wsgi.expected_errors(404)
    def search(self, req, id):
        policy.authorize(req.context, 'os-hypervisors:search', target={})
        return views.index(req, hypervisors.list_matching(req.context, id), detail=False)

    @wsgi.api_version(None, '2.52')
    @wsgi.expected_errors(404)
    def servers(self, req, id):
        policy.authorize(req.context, 'os-hypervisors:servers', target={})
        return views.index(req, hypervisors.list_matching(req.context, id, with_servers=True),
                           detail=False)

    @wsgi.api_version(None, '2.87')
    @wsgi.expected_errors(())
    def statistics(self, req):
        policy.authorize(req.context, 'os-hypervisors:statistics', target={})
        return views.statistics(hypervisors.show_statistics(req.context))
