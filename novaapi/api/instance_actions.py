"""The actions recorded for a server (``/servers/{server_id}/os-instance-actions``)."""

from novaapi.api import common
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import instance_actions as schema
from novaapi.api.views import instance_actions as views
from novaapi.compute import policy
from novaapi.compute.subresources import instance_actions


def _page(req):
    """``(limit, marker, since, before)`` from 2.58 (the times as given); nothing before."""
    if not req.is_version('2.58'):
        return None, None, None, None
    limit, marker = common.limit_and_marker(req)
    return limit, marker, req.GET.get('changes-since'), req.GET.get('changes-before')


def _events(req, target):
    """What the caller sees of events: all (admin), all but traceback and host (2.51+), none."""
    ctx = req.context
    if policy.check(ctx, 'os-instance-actions:events', target):
        return views.Events(traceback=True, host=req.is_version('2.62'),
                            host_id=req.is_version('2.62'), details=req.is_version('2.84') and
                            policy.check(ctx, 'os-instance-actions:events:details', target))
    if req.is_version('2.51'):
        return views.Events(host_id=req.is_version('2.62'))
    return None


class InstanceActionsController(wsgi.Controller):

    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.index_query)
    def index(self, req, server_id):
        # NOTE: from 2.21 deleted servers keep their history.
        rows = instance_actions.list_actions(req.context, server_id, req.is_version('2.21'),
                                             *_page(req))
        return views.index(req, server_id, rows)

    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, server_id, id):
        row, instance = instance_actions.show_action(req.context, server_id, id,
                                                     req.is_version('2.21'))
        events = _events(req, {'project_id': instance.project_id})
        return views.show(req, row, instance, events)
