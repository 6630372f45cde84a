"""Instance usage audit log: ``/os-instance_usage_audit_log``."""

from urllib import parse

from novaclient import base


class InstanceUsageAuditLog(base.Resource):
    pass


class InstanceUsageAuditLogManager(base.Manager):
    resource_class = InstanceUsageAuditLog

    def get(self, before=None):
        if before:
            return self._get('/os-instance_usage_audit_log/%s' % parse.quote(before, safe=''),
                             'instance_usage_audit_log')
        return self._get('/os-instance_usage_audit_log', 'instance_usage_audit_logs')
