"""The actions recorded for a server (``/servers/{server_id}/os-instance-actions``)."""

from novaapi.api import common
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import instance_actions as schema
from novaapi.api.views import instance_actions as views
from novaapi.compute import policy
from novaapi.compute.subresources import action_records as db
from novaapi.compute.subresources import common as sub
from novaapi.db import engine


def _server(sess, req, server_id, rule):
    """From 2.21 deleted servers keep their history."""
    return sub.server(sess, req.context, server_id, rule, read_deleted=req.is_version('2.21'))


def _page(req):
    """``(limit, marker, since, before)`` from 2.58; nothing before."""
    if not req.is_version('2.58'):
        return None, None, None, None
    limit, marker = common.limit_and_marker(req)
    return (limit, marker) + db.changes_window(req.GET.get('changes-since'),
                                               req.GET.get('changes-before'))


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
        with engine.transaction() as sess:
            instance = _server(sess, req, server_id, 'os-instance-actions:list')
            limit, marker, since, before = _page(req)
            rows = db.get_all(sess, instance.uuid, limit, marker, since, before)
            return views.index(req, server_id, rows)

    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, server_id, id):
        with engine.transaction() as sess:
            instance = _server(sess, req, server_id, 'os-instance-actions:show')
            row = db.get(sess, instance.uuid, id)
            events = _events(req, {'project_id': instance.project_id})
            return views.show(req, row, instance, events)
