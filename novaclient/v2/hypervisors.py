"""Hypervisors: ``/os-hypervisors`` and their statistics."""

from urllib import parse

from novaclient import api_versions
from novaclient import base
from novaclient import exceptions
from novaclient import utils


class Hypervisor(base.Resource):
    NAME_ATTR = 'hypervisor_hostname'

    def __repr__(self):
        return '<Hypervisor: %s>' % self.id


class HypervisorManager(base.ManagerWithFind):
    resource_class = Hypervisor
    is_alphanum_id_allowed = True

    def _list_base(self, detailed=True, marker=None, limit=None):
        params = {}
        if limit is not None:
            params['limit'] = int(limit)
        if marker is not None:
            params['marker'] = str(marker)
        path = '/os-hypervisors' + ('/detail' if detailed else '')
        return self._list(path + utils.prepare_query_string(params), 'hypervisors')

    @api_versions.wraps('2.0', '2.32')
    def list(self, detailed=True):
        return self._list_base(detailed)

    @api_versions.wraps('2.33')
    def list(self, detailed=True, marker=None, limit=None):  # noqa: F811
        return self._list_base(detailed, marker, limit)

    def search(self, hypervisor_match, servers=False, detailed=False):
        """Hypervisors whose hostname contains ``hypervisor_match``."""
        quoted = parse.quote(hypervisor_match, safe='')
        if self.api_version >= api_versions.APIVersion('2.53'):
            url = '/os-hypervisors%s?hypervisor_hostname_pattern=%s' % ('/detail' if detailed else '', quoted)
            if servers:
                url += '&with_servers=True'
        elif detailed:
            raise exceptions.UnsupportedVersion(
                'Parameter "detailed" requires API version 2.53 or greater.')
        else:
            url = '/os-hypervisors/%s/%s' % (quoted, 'servers' if servers else 'search')
        return self._list(url, 'hypervisors')

    def get(self, hypervisor):
        return self._get('/os-hypervisors/%s' % base.getid(hypervisor), 'hypervisor')

    def uptime(self, hypervisor):
        """Uptime route before 2.88; from 2.88 the ``uptime`` of the show view."""
        if self.api_version < api_versions.APIVersion('2.88'):
            return self._get('/os-hypervisors/%s/uptime' % base.getid(hypervisor), 'hypervisor')
        resp, body = self.client.get('/os-hypervisors/%s' % base.getid(hypervisor))
        keep = ('id', 'hypervisor_hostname', 'state', 'status', 'uptime')
        content = {k: v for k, v in body['hypervisor'].items() if k in keep}
        return self.resource_class(self, content, loaded=True, resp=resp)

    def statistics(self):
        return self.api.hypervisor_stats.statistics()


class HypervisorStats(base.Resource):
    def __repr__(self):
        return '<HypervisorStats: %d Hypervisor%s>' % (self.count, 's' if self.count != 1 else '')


class HypervisorStatsManager(base.Manager):
    resource_class = HypervisorStats

    @api_versions.wraps('2.0', '2.87')
    def statistics(self):
        return self._get('/os-hypervisors/statistics', 'hypervisor_statistics')

    @api_versions.wraps('2.88')
    def statistics(self):  # noqa: F811
        raise exceptions.UnsupportedVersion(
            "The 'statistics' API is removed in API version 2.88 or later.")
