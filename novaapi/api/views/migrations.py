"""Migration views: ``/servers/{id}/migrations`` (live ones) and ``/os-migrations``."""

from novaapi.api import common
from novaapi.api.views import server_sub
from novaapi.compute.subresources import migrations

HOST_FIELDS = ('dest_compute', 'dest_host', 'dest_node', 'source_compute', 'source_node')


def _hosts(row, show_host):
    return {field: getattr(row, field) if show_host else None for field in HOST_FIELDS}


def server_migration(req, row, show_host=True):
    # NOTE: a live migration Nova shows has always been saved again after its creation (its
    # status moved on), so ``updated_at`` is never null here; a fresh row stands in with created_at.
    view = {'created_at': server_sub.timestamp(row.created_at), 'id': row.id,
            'server_uuid': row.instance_uuid, 'status': row.status,
            'updated_at': server_sub.timestamp(row.updated_at or row.created_at),
            'memory_total_bytes': row.memory_total, 'memory_processed_bytes': row.memory_processed,
            'memory_remaining_bytes': row.memory_remaining, 'disk_total_bytes': row.disk_total,
            'disk_processed_bytes': row.disk_processed, 'disk_remaining_bytes': row.disk_remaining}
    view.update(_hosts(row, show_host))
    return _versioned(req, row, view)


def _versioned(req, row, view):
    if req.is_version('2.59'):
        view['uuid'] = row.uuid
    if req.is_version('2.80'):
        view.update(user_id=row.user_id, project_id=row.project_id)
    return view


def migration(req, row, show_host=True):
    view = {'created_at': server_sub.timestamp(row.created_at), 'id': row.id,
            'instance_uuid': row.instance_uuid, 'status': row.status,
            'updated_at': server_sub.timestamp(row.updated_at),
            'new_instance_type_id': row.new_instance_type_id,
            'old_instance_type_id': row.old_instance_type_id}
    view.update(_hosts(row, show_host))
    if req.is_version('2.23'):
        view['migration_type'] = row.migration_type
        if row.migration_type == migrations.LIVE and row.status in migrations.IN_PROGRESS:
            view['links'] = common.resource_links(req, 'servers/%s/migrations' % row.instance_uuid,
                                                  row.id)
    return _versioned(req, row, view)


def index(req, rows, show_host):
    result = {'migrations': [migration(req, row, show_host) for row in rows]}
    if req.is_version('2.59'):
        links = common.collection_links(req, result['migrations'], 'os-migrations',
                                        lambda item: item['uuid'])
        if links:
            result['migrations_links'] = links
    return result
