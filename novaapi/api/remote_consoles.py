"""Remote consoles of a server (``remote-consoles``, 2.6+) and their ``os-console-auth-tokens``."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import remote_consoles as schema
from novaapi.compute import policy
from novaapi.compute import remote_consoles


# NOTE: webob's wording for a bare 400, which Nova answers for tokens before 2.31 and for RDP.
BARE_400 = ('The server could not comply with the request since it is either malformed or '
            'otherwise incorrect.')


def _legacy_console(req, server_id, protocol, console_type):
    """The console actions of ``/servers/{id}/action`` before 2.6: ``{"console": {type, url}}``."""
    policy.authorize(req.context, 'os-remote-consoles')
    url = remote_consoles.create(req.context, server_id, protocol, console_type, None)
    return {'console': {'type': console_type, 'url': url}}


class LegacyConsoleActions(wsgi.Controller):
    """``os-getVNCConsole``, ``os-getSPICEConsole``, ``os-getSerialConsole`` (2.1-2.5) and the
    removed ``os-getRDPConsole``: actions of ``POST /servers/{id}/action``."""

    @wsgi.api_version('2.1', '2.5')
    @wsgi.expected_errors((400, 404, 409, 501))
    @wsgi.action('os-getVNCConsole')
    @validation.schema(schema.get_vnc_console)
    def get_vnc_console(self, req, id, body):
        return _legacy_console(req, id, 'vnc', body['os-getVNCConsole']['type'])

    @wsgi.api_version('2.1', '2.5')
    @wsgi.expected_errors((400, 404, 409, 501))
    @wsgi.action('os-getSPICEConsole')
    @validation.schema(schema.get_spice_console)
    def get_spice_console(self, req, id, body):
        return _legacy_console(req, id, 'spice', body['os-getSPICEConsole']['type'])

    @wsgi.api_version('2.1', '2.5')
    @wsgi.expected_errors((400, 404, 409, 501))
    @wsgi.action('os-getSerialConsole')
    @validation.schema(schema.get_serial_console)
    def get_serial_console(self, req, id, body):
        return _legacy_console(req, id, 'serial', body['os-getSerialConsole']['type'])

    @wsgi.api_version('2.1', '2.5')
    @wsgi.expected_errors((400, 404, 409, 501))
    @wsgi.action('os-getRDPConsole')
    @validation.schema({})
    def get_rdp_console(self, req, id, body):
        # RDP went with the Hyper-V driver: Nova still routes the action and answers a bare 400.
        raise wsgi.Fault(400, BARE_400)


class RemoteConsolesController(wsgi.Controller):

    @wsgi.api_version('2.6')
    @wsgi.expected_errors((400, 404, 409, 501))
    @validation.schema(schema.create)
    def create(self, req, server_id, body):
        spec = body['remote_console']
        url = remote_consoles.create(req.context, server_id, spec['protocol'], spec['type'],
                                     'os-remote-consoles')
        return {'remote_console': {'protocol': spec['protocol'], 'type': spec['type'], 'url': url}}


class ConsoleAuthTokensController(wsgi.Controller):

    @wsgi.expected_errors((400, 401, 404))
    @validation.query_schema(schema.token_query)
    def show(self, req, id):
        if not req.is_version('2.31'):
            raise wsgi.Fault(400, BARE_400)
        policy.authorize(req.context, 'os-console-auth-tokens')
        row = remote_consoles.validate_token(id)
        console = {'instance_uuid': row.instance_uuid, 'host': row.host, 'port': row.port,
                   'internal_access_path': row.internal_access_path}
        if row.console_type == 'spice-direct' and req.is_version('2.99'):
            console['tls_port'] = row.tls_port
        return {'console': console}
