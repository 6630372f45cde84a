"""Servers 'sample-server' (1234...) and 'db-1', images, a network."""

from . import HEADERS
from . import IMAGE_URL
from . import NETWORK_URL
from . import not_found
from . import url

SERVER_ID = '12345678-1234-4234-8234-123456789012'
DB_ID = 'a2b4c6d8-1111-4222-8333-944455566677'
IMAGE_ID = '0b6a4c2e-7f3e-4a9c-8d2b-5e6f7a8b9c0d'
NET_ID = '9e0f2a4b-3c5d-4e6f-8a7b-1c2d3e4f5a6b'


def server(sid, name, status='ACTIVE', power=1, image=True):
    return {
        'id': sid, 'name': name, 'status': status, 'tenant_id': 'p1',
        'user_id': 'u-1', 'hostId': 'abc', 'created': '2026-11-22T00:00:00Z',
        'updated': '2026-11-22T00:01:00Z', 'progress': 0,
        'OS-EXT-STS:power_state': power, 'OS-EXT-STS:task_state': None,
        'OS-EXT-STS:vm_state': status.lower(), 'OS-DCF:diskConfig': 'MANUAL',
        'OS-EXT-AZ:availability_zone': 'nova', 'metadata': {'role': 'web'},
        'key_name': None, 'locked': False, 'tags': [], 'description': None,
        'image': {'id': IMAGE_ID, 'links': []} if image else '',
        'flavor': {'vcpus': 1, 'ram': 512, 'disk': 1, 'ephemeral': 0,
                   'swap': 0, 'original_name': 'm1.tiny', 'extra_specs': {}},
        'addresses': {'private': [
            {'addr': '10.0.0.5', 'version': 4,
             'OS-EXT-IPS:type': 'fixed'}]},
        'security_groups': [{'name': 'default'}, {'name': 'default'}],
        'links': [{'rel': 'self', 'href': url('/servers/%s' % sid)}],
    }


SERVERS = [server(SERVER_ID, 'sample-server'),
           server(DB_ID, 'db-1', 'SHUTOFF', 4, image=False)]


def _summary(servers):
    return [{'id': s['id'], 'name': s['name'], 'links': s['links']}
            for s in servers]


def register(m):
    not_found(m, r'/servers/[^/]+', 'Instance could not be found.')
    m.get(url('/servers/detail'), json={'servers': SERVERS}, headers=HEADERS)
    m.get(url('/servers'), json={'servers': _summary(SERVERS)},
          headers=HEADERS)
    for item in SERVERS:
        m.get(url('/servers?name=%s' % item['name']), headers=HEADERS,
              json={'servers': _summary([item])})
    m.get(url('/servers?name=nosuch'), json={'servers': []}, headers=HEADERS)
    for item in SERVERS:
        sid = item['id']
        m.get(url('/servers/%s' % sid), json={'server': item},
              headers=HEADERS)
        m.put(url('/servers/%s' % sid), json={'server': item},
              headers=HEADERS)
        m.delete(url('/servers/%s' % sid), status_code=204, headers=HEADERS)
        m.post(url('/servers/%s/action' % sid), status_code=202,
               headers=HEADERS)
        m.post(url('/servers/%s/metadata' % sid), headers=HEADERS,
               json={'metadata': {'k': 'v'}})
        m.delete(url('/servers/%s/metadata/k' % sid), status_code=204,
                 headers=HEADERS)
    m.post(url('/servers'), status_code=202, headers=HEADERS, json={
        'server': {'id': SERVER_ID, 'links': [], 'adminPass': 'pw',
                   'OS-DCF:diskConfig': 'MANUAL',
                   'security_groups': [{'name': 'default'}]}})
    m.get(IMAGE_URL + '/v2/images/%s' % IMAGE_ID, json={
        'id': IMAGE_ID, 'name': 'cirros-0.6.2', 'status': 'active'})
    m.get(IMAGE_URL + '/v2/images?name=cirros-0.6.2', json={'images': [
        {'id': IMAGE_ID, 'name': 'cirros-0.6.2', 'status': 'active'}]})
    m.get(NETWORK_URL + '/v2.0/networks?name=private',
          json={'networks': [{'id': NET_ID, 'name': 'private'}]})
