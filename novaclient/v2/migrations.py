"""Migrations of all servers: ``/os-migrations`` (admin)."""

from novaclient import api_versions
from novaclient import base
from novaclient import exceptions

# filter -> (query key, first microversion accepting it)
_FILTERS = (
    ('host', 'host', None), ('status', 'status', None),
    ('instance_uuid', 'instance_uuid', None),
    ('marker', 'marker', '2.59'), ('limit', 'limit', '2.59'),
    ('changes_since', 'changes-since', '2.59'),
    ('changes_before', 'changes-before', '2.66'),
    ('migration_type', 'migration_type', None),
    ('source_compute', 'source_compute', None),
    ('user_id', 'user_id', '2.80'), ('project_id', 'project_id', '2.80'),
)


class Migration(base.Resource):
    def __repr__(self):
        return '<Migration: %s>' % self.id


class MigrationManager(base.ManagerWithFind):
    resource_class = Migration

    def list(self, host=None, status=None, **filters):
        """Migrations matching the filters (see ``_FILTERS`` for the
        microversion each needs)."""
        filters.update(host=host, status=status)
        params = {}
        for name, key, since in _FILTERS:
            value = filters.pop(name, None)
            if not value:
                continue
            if since and self.api_version < api_versions.APIVersion(since):
                raise exceptions.UnsupportedAttribute(name, since)
            params[key] = value
        if filters:
            raise TypeError('Unknown migration filters: %s'
                            % ', '.join(sorted(filters)))
        return self._list('/os-migrations', 'migrations', filters=params)
