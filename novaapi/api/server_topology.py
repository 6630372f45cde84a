"""A server's NUMA topology (``/servers/{server_id}/topology``, 2.78+)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_sub
from novaapi.api.views import server_topology as views
from novaapi.compute import instances
from novaapi.compute import policy
from novaapi.compute.subresources import topology as db
from novaapi.db import engine
from novaapi import exception

# NOTE: these two rules are named without Nova's usual ``os_compute_api:`` prefix.
INDEX = 'compute:server:topology:index'
HOST = 'compute:server:topology:host:index'


def _authorize(ctx, rule, target):
    if not policy.check(ctx, rule, target):
        raise exception.PolicyNotAuthorized(action=rule)


class ServerTopologyController(wsgi.Controller):

    @wsgi.api_version('2.78')
    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, server_id):
        with engine.transaction() as sess:
            instance = instances.get(sess, req.context, server_id)
        target = {'project_id': instance.project_id}
        _authorize(req.context, INDEX, target)
        cells, page_size = db.cells(instance)
        return views.show(cells, page_size, policy.check(req.context, HOST, target))
