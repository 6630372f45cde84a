"""Server groups of a project (``/os-server-groups``)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_groups as schema
from novaapi.api.views import server_groups as views
from novaapi.compute import policy
from novaapi.compute import server_groups
from novaapi import conf


def _page(req):
    """``offset`` and ``limit`` (0 or absent = ``[api] max_limit``), as Nova's ``limited``."""
    max_limit = conf.CONF.api.max_limit
    offset = int(req.GET.get('offset') or 0)
    return offset, min(max_limit, int(req.GET.get('limit') or 0) or max_limit)


def _policy_and_rules(req, spec):
    if not req.is_version('2.64'):
        return spec['policies'][0], {}
    return spec['policy'], spec.get('rules', {})


class ServerGroupController(wsgi.Controller):

    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def index(self, req):
        ctx = req.context
        policy.authorize(ctx, 'os-server-groups:index', target={'project_id': ctx.project_id})
        project_id = ctx.project_id
        if 'all_projects' in req.GET and ctx.is_admin:
            policy.authorize(ctx, 'os-server-groups:index:all_projects',
                             target={'project_id': ctx.project_id})
            project_id = None
        offset, limit = _page(req)
        return views.index(req, server_groups.list_groups(ctx, project_id, offset, limit))

    @wsgi.expected_errors((400, 403, 409))
    @validation.schema(schema.create)
    def create(self, req, body):
        ctx = req.context
        policy.authorize(ctx, 'os-server-groups:create', target={'project_id': ctx.project_id})
        spec = body['server_group']
        group = server_groups.create_group(ctx, spec['name'], *_policy_and_rules(req, spec))
        return views.show(req, group, [])

    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        group, members = server_groups.show_group(req.context, id)
        return views.show(req, group, members)

    @wsgi.response(204)
    @wsgi.expected_errors(404)
    def delete(self, req, id):
        server_groups.delete_group(req.context, id)
