"""One finished resize and one running live migration of sample-server."""

from . import HEADERS
from . import url
from .servers import SERVER_ID

MIGRATION = {
    'id': 7, 'uuid': '4cfba335-03d8-49b2-8c52-e69043d1e8fe',
    'source_node': 'n1', 'dest_node': 'n2', 'source_compute': 'c1',
    'dest_compute': 'c2', 'dest_host': '1.2.3.4', 'status': 'running',
    'instance_uuid': SERVER_ID, 'old_instance_type_id': 1,
    'new_instance_type_id': 1, 'created_at': '2026-11-22T00:00:00.000000',
    'updated_at': None, 'migration_type': 'live-migration',
    'project_id': 'p1', 'user_id': 'u-1'}
SERVER_MIGRATION = {
    'id': 7, 'uuid': MIGRATION['uuid'], 'server_uuid': SERVER_ID,
    'source_node': 'n1', 'dest_node': 'n2', 'source_compute': 'c1',
    'dest_compute': 'c2', 'dest_host': '1.2.3.4', 'status': 'running',
    'created_at': '2026-11-22T00:00:00.000000', 'updated_at': None,
    'memory_total_bytes': 100, 'memory_processed_bytes': 50,
    'memory_remaining_bytes': 50, 'disk_total_bytes': 0,
    'disk_processed_bytes': 0, 'disk_remaining_bytes': 0,
    'project_id': 'p1', 'user_id': 'u-1'}


def register(m):
    m.get(url('/os-migrations'), json={'migrations': [MIGRATION]},
          headers=HEADERS)
    base = url('/servers/%s/migrations' % SERVER_ID)
    m.get(base, json={'migrations': [SERVER_MIGRATION]}, headers=HEADERS)
    m.get(base + '/7', json={'migration': SERVER_MIGRATION}, headers=HEADERS)
    m.delete(base + '/7', status_code=202, headers=HEADERS)
    m.post(base + '/7/action', status_code=202, headers=HEADERS)
