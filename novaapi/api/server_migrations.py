"""Live migrations of a server (``/servers/{server_id}/migrations``): list, show, force, abort."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import migrations as schema
from novaapi.api.views import migrations as views
from novaapi.compute import policy
from novaapi.compute.subresources import migrations


class ServerMigrationsController(wsgi.Controller):

    @wsgi.api_version('2.23')
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.server_query)
    def index(self, req, server_id):
        rows, project_id = migrations.list_live(req.context, server_id)
        show_host = policy.check(req.context, 'servers:migrations:index:host',
                                 {'project_id': project_id})
        return {'migrations': [views.server_migration(req, row, show_host) for row in rows]}

    @wsgi.api_version('2.23')
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.server_query)
    def show(self, req, server_id, id):
        return {'migration': views.server_migration(
            req, migrations.show_live(req.context, server_id, id))}

    @wsgi.api_version('2.22')
    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('force_complete')
    @validation.schema(schema.force_complete)
    def force_complete(self, req, server_id, id, body):
        migrations.force_complete_live(req.context, server_id, id)

    @wsgi.api_version('2.24')
    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    def delete(self, req, server_id, id):
        migrations.abort_live(req.context, server_id, id, queued_too=req.is_version('2.65'))
