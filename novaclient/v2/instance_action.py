"""Instance actions: ``/servers/{id}/os-instance-actions``."""

from novaclient import api_versions
from novaclient import base


class InstanceAction(base.Resource):
    pass


class InstanceActionManager(base.ManagerWithFind):
    resource_class = InstanceAction

    def get(self, server, request_id):
        return self._get('/servers/%s/os-instance-actions/%s'
                         % (base.getid(server), request_id), 'instanceAction')

    def list(self, server, marker=None, limit=None, changes_since=None,
             changes_before=None):
        """Actions of a server; paging and ``changes-since`` need 2.58,
        ``changes-before`` 2.66."""
        params = {}
        if self.api_version >= api_versions.APIVersion('2.58'):
            if marker:
                params['marker'] = marker
            if limit:
                params['limit'] = limit
            if changes_since:
                params['changes-since'] = changes_since
        if changes_before and self.api_version >= api_versions.APIVersion(
                '2.66'):
            params['changes-before'] = changes_before
        return self._list('/servers/%s/os-instance-actions'
                          % base.getid(server), 'instanceActions',
                          filters=params)
