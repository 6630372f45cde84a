"""Tenant usage: ``/os-simple-tenant-usage``."""

from novaclient import api_versions
from novaclient import base


class Usage(base.Resource):
    def __repr__(self):
        return '<ComputeUsage>'


class UsageManager(base.ManagerWithFind):
    resource_class = Usage
    usage_prefix = 'os-simple-tenant-usage'

    @staticmethod
    def _query(start, end, marker=None, limit=None, detailed=None):
        query = '?start=%s&end=%s' % (start.isoformat(), end.isoformat())
        if limit:
            query += '&limit=%s' % int(limit)
        if marker:
            query += '&marker=%s' % marker
        if detailed is not None:
            query += '&detailed=%s' % int(bool(detailed))
        return query

    @api_versions.wraps('2.0', '2.39')
    def list(self, start, end, detailed=False):
        return self._list('/%s%s' % (self.usage_prefix, self._query(start, end, detailed=detailed)),
                          'tenant_usages')

    @api_versions.wraps('2.40')
    def list(self, start, end, detailed=False, marker=None, limit=None):  # noqa: F811
        return self._list('/%s%s' % (self.usage_prefix, self._query(start, end, marker, limit, detailed)),
                          'tenant_usages')

    @api_versions.wraps('2.0', '2.39')
    def get(self, tenant_id, start, end):
        return self._get('/%s/%s%s' % (self.usage_prefix, tenant_id, self._query(start, end)), 'tenant_usage')

    @api_versions.wraps('2.40')
    def get(self, tenant_id, start, end, marker=None, limit=None):  # noqa: F811
        return self._get('/%s/%s%s' % (self.usage_prefix, tenant_id, self._query(start, end, marker, limit)),
                         'tenant_usage')
