"""Services: ``/os-services`` (by host and binary before 2.53, by uuid from 2.53)."""

from urllib import parse

from novaclient import api_versions
from novaclient import base


class Service(base.Resource):
    def __repr__(self):
        return '<Service: %s>' % self.id


class ServiceManager(base.ManagerWithFind):
    resource_class = Service

    def list(self, host=None, binary=None):
        filters = [(k, v) for k, v in (('host', host), ('binary', binary)) if v]
        url = '/os-services'
        if filters:
            url += '?' + parse.urlencode(filters)
        return self._list(url, 'services')

    def _legacy(self, action, host, binary, **extra):
        body = {'host': host, 'binary': binary}
        body.update((k, v) for k, v in extra.items() if v is not None)
        return self._update('/os-services/%s' % action, body, 'service')

    def _by_uuid(self, service_uuid, body):
        return self._update('/os-services/%s' % service_uuid, body, 'service')

    @api_versions.wraps('2.0', '2.52')
    def enable(self, host, binary):
        return self._legacy('enable', host, binary)

    @api_versions.wraps('2.53')
    def enable(self, service_uuid):  # noqa: F811
        return self._by_uuid(service_uuid, {'status': 'enabled'})

    @api_versions.wraps('2.0', '2.52')
    def disable(self, host, binary):
        return self._legacy('disable', host, binary)

    @api_versions.wraps('2.53')
    def disable(self, service_uuid):  # noqa: F811
        return self._by_uuid(service_uuid, {'status': 'disabled'})

    @api_versions.wraps('2.0', '2.52')
    def disable_log_reason(self, host, binary, reason):
        return self._legacy('disable-log-reason', host, binary, disabled_reason=reason)

    @api_versions.wraps('2.53')
    def disable_log_reason(self, service_uuid, reason):  # noqa: F811
        return self._by_uuid(service_uuid, {'status': 'disabled', 'disabled_reason': reason})

    @api_versions.wraps('2.11', '2.52')
    def force_down(self, host, binary, force_down=None):
        return self._legacy('force-down', host, binary, forced_down=force_down)

    @api_versions.wraps('2.53')
    def force_down(self, service_uuid, force_down):  # noqa: F811
        return self._by_uuid(service_uuid, {'forced_down': force_down})

    def delete(self, service_id):
        return self._delete('/os-services/%s' % service_id)
