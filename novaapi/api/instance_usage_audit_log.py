"""/os-instance_usage_audit_log: the usage audit of the last completed period."""

import datetime

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_sub
from novaapi.compute import host_admin
from novaapi.compute import policy
from novaapi import exception


class InstanceUsageAuditLogController(wsgi.Controller):

    @wsgi.expected_errors(())
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req):
        policy.authorize(req.context, 'os-instance-usage-audit-log:list', target={})
        return {'instance_usage_audit_logs': host_admin.show_audit_log(req.context)}

    @wsgi.expected_errors(400)
    @validation.query_schema(server_sub.NO_QUERY)
    def show(self, req, id):
        policy.authorize(req.context, 'os-instance-usage-audit-log:show', target={})
        fmt = '%Y-%m-%d %H:%M:%S.%f' if '.' in id else '%Y-%m-%d %H:%M:%S'
        try:
            before = datetime.datetime.strptime(id, fmt)
        except ValueError:
            raise exception.Invalid('Invalid timestamp for date %s' % id) from None
        return {'instance_usage_audit_log': host_admin.show_audit_log(req.context, before)}
