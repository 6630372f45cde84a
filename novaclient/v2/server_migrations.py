"""Migrations of one server: ``/servers/{id}/migrations`` (2.22+)."""

from novaclient import api_versions
from novaclient import base


class ServerMigration(base.Resource):
    def __repr__(self):
        return '<ServerMigration>'


def _url(server, migration=None):
    url = '/servers/%s/migrations' % base.getid(server)
    return url if migration is None else '%s/%s' % (url,
                                                    base.getid(migration))


class ServerMigrationsManager(base.ManagerWithFind):
    resource_class = ServerMigration

    @api_versions.wraps('2.22')
    def live_migrate_force_complete(self, server, migration):
        resp, body = self.client.post(_url(server, migration) + '/action',
                                      body={'force_complete': None})
        return self.convert_into_with_meta(body, resp)

    @api_versions.wraps('2.23')
    def get(self, server, migration):
        return self._get(_url(server, migration), 'migration')

    @api_versions.wraps('2.23')
    def list(self, server):
        return self._list(_url(server), 'migrations')

    @api_versions.wraps('2.24')
    def live_migration_abort(self, server, migration):
        return self._delete(_url(server, migration))
