"""Server group 'sg1' and the actions of sample-server."""

from . import HEADERS
from . import not_found
from . import url
from .servers import SERVER_ID

GROUP = {'id': 'sg-1', 'name': 'sg1', 'policy': 'anti-affinity',
         'rules': {'max_server_per_host': 2}, 'members': [SERVER_ID],
         'project_id': 'p1', 'user_id': 'u-1'}
ACTIONS = [
    {'action': 'create', 'request_id': 'req-a', 'message': None,
     'start_time': '2026-11-22T00:00:00.000000', 'instance_uuid': SERVER_ID,
     'project_id': 'p1', 'user_id': 'u-1',
     'updated_at': '2026-11-22T00:00:05.000000'},
    {'action': 'stop', 'request_id': 'req-b', 'message': None,
     'start_time': '2026-11-22T01:00:00.000000', 'instance_uuid': SERVER_ID,
     'project_id': 'p1', 'user_id': 'u-1',
     'updated_at': '2026-11-22T01:00:02.000000'},
]


def register(m):
    not_found(m, r'/os-server-groups/[^/]+', 'Instance group not found')
    m.get(url('/os-server-groups'), json={'server_groups': [GROUP]},
          headers=HEADERS)
    m.get(url('/os-server-groups/sg-1'), json={'server_group': GROUP},
          headers=HEADERS)
    m.delete(url('/os-server-groups/sg-1'), status_code=204, headers=HEADERS)
    m.post(url('/os-server-groups'), json={'server_group': GROUP},
           headers=HEADERS)
    base = url('/servers/%s/os-instance-actions' % SERVER_ID)
    m.get(base, json={'instanceActions': ACTIONS}, headers=HEADERS)
    m.get(base + '/req-a', headers=HEADERS, json={'instanceAction': dict(
        ACTIONS[0], events=[{'event': 'compute_build', 'result': 'Success',
                             'start_time': '2026-11-22T00:00:01.000000',
                             'finish_time': '2026-11-22T00:00:04.000000'}])})
