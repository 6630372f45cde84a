"""Live migrations of a server (``/servers/{server_id}/migrations``): list, show, force, abort."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import migrations as schema
from novaapi.api.views import migrations as views
from novaapi.compute import policy
from novaapi.compute.subresources import common
from novaapi.compute.subresources import migrations as db
from novaapi.db import engine


class ServerMigrationsController(wsgi.Controller):

    @wsgi.api_version('2.23')
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.server_query)
    def index(self, req, server_id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'servers:migrations:index')
            show_host = policy.check(req.context, 'servers:migrations:index:host',
                                     {'project_id': instance.project_id})
            rows = db.in_progress(sess, instance.uuid)
            return {'migrations': [views.server_migration(req, row, show_host) for row in rows]}

    @wsgi.api_version('2.23')
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.server_query)
    def show(self, req, server_id, id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'servers:migrations:show')
            return {'migration': views.server_migration(
                req, db.get_in_progress(sess, instance.uuid, id))}

    @wsgi.api_version('2.22')
    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('force_complete')
    @validation.schema(schema.force_complete)
    def force_complete(self, req, server_id, id, body):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id,
                                     'servers:migrations:force_complete', lock=True)
            db.force_complete(sess, req.context, instance, id)

    @wsgi.api_version('2.24')
    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    def delete(self, req, server_id, id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'servers:migrations:delete',
                                     lock=True)
            db.abort(sess, req.context, instance, id, queued_too=req.is_version('2.65'))
