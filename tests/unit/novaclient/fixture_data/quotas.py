"""Quota sets of the demo project and the default quota class."""

from . import HEADERS
from . import PROJECT_ID
from . import url

QUOTAS = {'cores': 20, 'instances': 10, 'key_pairs': 100,
          'metadata_items': 128, 'ram': 51200, 'server_groups': 10,
          'server_group_members': 10}


def register(m):
    for project in (PROJECT_ID, 'other'):
        base = url('/os-quota-sets/%s' % project)
        body = {'quota_set': dict(QUOTAS, id=project)}
        m.get(base, json=body, headers=HEADERS)
        m.get(base + '/defaults', json=body, headers=HEADERS)
        m.get(base + '/detail', headers=HEADERS, json={'quota_set': dict(
            {k: {'in_use': 0, 'limit': v, 'reserved': 0}
             for k, v in QUOTAS.items()}, id=project)})
        m.put(base, json={'quota_set': QUOTAS}, headers=HEADERS)
        m.delete(base, status_code=202, headers=HEADERS)
    klass = url('/os-quota-class-sets/default')
    m.get(klass, headers=HEADERS,
          json={'quota_class_set': dict(QUOTAS, id='default')})
    m.put(klass, headers=HEADERS, json={'quota_class_set': QUOTAS})
