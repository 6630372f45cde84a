"""/_sim/behaviours: the simulator's fault-injection control API (admin only).

Not a Nova API: it lives under ``/v2.1/_sim/``, a segment no Nova path uses
(Nova's own start with a letter), so no client can reach it by accident and
the ``behaviours`` filter exempts it from the faults it injects.
"""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import behaviours as schema
from novaapi.api.views import behaviours as views
from novaapi.compute import behaviours
from novaapi.compute import policy


class BehavioursController(wsgi.Controller):

    @wsgi.expected_errors(())
    def index(self, req):
        policy.authorize(req.context, 'sim-behaviours:list', target={})
        return views.index(behaviours.list_all(req.context))

    @wsgi.expected_errors(404)
    def show(self, req, id):
        policy.authorize(req.context, 'sim-behaviours:show', target={})
        return {'behaviour': views.detail(behaviours.get(req.context, id))}

    @wsgi.response(201)
    @wsgi.expected_errors((400, 404))
    @validation.schema(schema.create)
    def create(self, req, body):
        policy.authorize(req.context, 'sim-behaviours:create', target={})
        return {'behaviour': views.detail(behaviours.create(req.context, body['behaviour']))}

    @wsgi.response(204)
    @wsgi.expected_errors(404)
    def delete(self, req, id):
        policy.authorize(req.context, 'sim-behaviours:delete', target={})
        behaviours.delete(req.context, id)

    @wsgi.response(204)
    @wsgi.expected_errors(())
    def delete_all(self, req):
        policy.authorize(req.context, 'sim-behaviours:delete', target={})
        behaviours.delete_all(req.context)
