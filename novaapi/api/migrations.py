"""Every migration of the cloud (``/os-migrations``), filtered and paged as Nova does."""

from novaapi.api import common
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import migrations as schema
from novaapi.api.views import migrations as views
from novaapi.compute import policy
from novaapi.compute.subresources import instance_actions
from novaapi.compute.subresources import migrations


FILTERS = ('status', 'host', 'source_compute', 'migration_type', 'instance_uuid', 'user_id',
           'project_id')


def _filters(req):
    """Filters from the query (the schema of each microversion says which may appear)."""
    filters = {key: req.GET.get(key) for key in FILTERS if req.GET.get(key)}
    if req.is_version('2.59'):
        before = req.GET.get('changes-before') if req.is_version('2.66') else None
        filters['changes-since'], filters['changes-before'] = instance_actions.changes_window(
            req.GET.get('changes-since'), before)
    return filters


def _authorize(ctx, project_id):
    policy.authorize(ctx, 'os-migrations:index')
    if not project_id or project_id != ctx.project_id:
        policy.authorize(ctx, 'os-migrations:index:all_projects')
    return policy.check(ctx, 'os-migrations:index:host')


class MigrationsController(wsgi.Controller):

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query)
    def index(self, req):
        show_host = _authorize(req.context, req.GET.get('project_id'))
        filters = _filters(req)
        limit, marker = common.limit_and_marker(req) if req.is_version('2.59') else (None, None)
        rows = migrations.list_migrations(req.context, filters, limit, marker,
                                          paged=req.is_version('2.59'))
        return views.index(req, rows, show_host)
