"""/os-server-external-events: events from the network, volume and accelerator services."""

import webob

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_external_events as schema
from novaapi.compute import external_events
from novaapi.compute import policy


class ServerExternalEventsController(wsgi.Controller):

    @wsgi.expected_errors(403)
    @validation.schema(schema.create)
    def create(self, req, body):
        policy.authorize(req.context, 'os-server-external-events:create', target={})
        events, status = external_events.deliver(req.context, body['events'])
        resp = webob.Response(status=status, json_body={'events': events})
        resp.charset = None
        resp.content_type = 'application/json'
        return resp
