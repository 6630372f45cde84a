"""Flavors 1 (m1.tiny), 2 (m1.small) and private 'aa1' (m1.private)."""

from . import HEADERS
from . import not_found
from . import url


def flavor(fid, name, ram, disk, vcpus, public=True, description=None):
    return {'id': fid, 'name': name, 'ram': ram, 'disk': disk, 'vcpus': vcpus,
            'OS-FLV-EXT-DATA:ephemeral': 0, 'os-flavor-access:is_public':
            public, 'swap': 0, 'rxtx_factor': 1.0,
            'OS-FLV-DISABLED:disabled': False, 'description': description,
            'extra_specs': {'hw:cpu_policy': 'shared'} if fid == '2' else {},
            'links': [{'rel': 'self', 'href': url('/flavors/%s' % fid)}]}


FLAVORS = [flavor('1', 'm1.tiny', 512, 1, 1),
           flavor('2', 'm1.small', 2048, 20, 1, description='small one'),
           flavor('aa1', 'm1.private', 128, 0, 1, public=False)]


def _summary(flavors):
    return [{'id': f['id'], 'name': f['name'], 'links': f['links']}
            for f in flavors]


def register(m):
    not_found(m, r'/flavors/[^/]+', 'Flavor could not be found.')
    public = [f for f in FLAVORS if f['os-flavor-access:is_public']]
    m.get(url('/flavors/detail'), json={'flavors': public}, headers=HEADERS)
    m.get(url('/flavors/detail?is_public=None'), json={'flavors': FLAVORS},
          headers=HEADERS)
    m.get(url('/flavors'), json={'flavors': _summary(public)},
          headers=HEADERS)
    m.get(url('/flavors?is_public=None'), json={'flavors': _summary(FLAVORS)},
          headers=HEADERS)
    for item in FLAVORS:
        fid = item['id']
        m.get(url('/flavors/%s' % fid), json={'flavor': item}, headers=HEADERS)
        m.delete(url('/flavors/%s' % fid), status_code=202, headers=HEADERS)
        m.get(url('/flavors/%s/os-extra_specs' % fid),
              json={'extra_specs': item['extra_specs']}, headers=HEADERS)
        m.post(url('/flavors/%s/os-extra_specs' % fid),
               json={'extra_specs': {'k1': 'v1'}}, headers=HEADERS)
        m.delete(url('/flavors/%s/os-extra_specs/k1' % fid), headers=HEADERS)
        m.put(url('/flavors/%s' % fid), headers=HEADERS, json={
            'flavor': dict(item, description='new desc')})
    m.post(url('/flavors'), json={'flavor': flavor('3', 'm1.new', 256, 5, 2)},
           headers=HEADERS)
    access = {'flavor_access': [{'flavor_id': 'aa1', 'tenant_id': 'proj2'}]}
    m.get(url('/flavors/aa1/os-flavor-access'), json=access, headers=HEADERS)
    m.post(url('/flavors/aa1/action'), json=access, headers=HEADERS)
