"""``POST /servers/{id}/action`` that move a server: resize (confirm, revert), migrate,
live-migrate and evacuate."""

from novaapi.api import server_common
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import servers as schema
from novaapi.compute import moves
from novaapi.compute import policy


class MoveActions(wsgi.Controller):

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('resize')
    @validation.schema(schema.resize)
    def _resize(self, req, id, body):
        spec = body['resize']
        disk = spec.get('OS-DCF:diskConfig')
        moves.resize(req.context, id, str(spec['flavorRef']),
                     None if disk is None else disk == 'AUTO')

    @wsgi.response(204)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('confirmResize')
    @validation.schema(schema.confirm_resize)
    def _confirm_resize(self, req, id, body):
        moves.confirm_resize(req.context, id)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('revertResize')
    @validation.schema(schema.revert_resize)
    def _revert_resize(self, req, id, body):
        moves.revert_resize(req.context, id)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('migrate')
    @validation.schema(schema.migrate)
    def _migrate(self, req, id, body):
        host = (body['migrate'] or {}).get('host') if req.is_version('2.56') else None
        if host:
            policy.authorize(req.context, 'os-migrate-server:migrate:host')
        moves.migrate(req.context, id, host)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('os-migrateLive')
    @validation.schema(schema.migrate_live)
    def _migrate_live(self, req, id, body):
        host = body['os-migrateLive'].get('host')
        if host:
            policy.authorize(req.context, 'os-migrate-server:migrate_live:host')
        moves.live_migrate(req.context, id, host)

    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('evacuate')
    @validation.schema(schema.evacuate)
    def _evacuate(self, req, id, body):
        spec = body['evacuate']
        password = server_common.password(spec)
        target = 'stopped' if req.is_version('2.95') else None
        moves.evacuate(req.context, id, spec.get('host'), password, target)
        return None if req.is_version('2.14') else {'adminPass': password}
