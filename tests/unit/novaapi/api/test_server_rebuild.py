"""Rebuild, shelve and unshelve through the compute pipeline."""


def test_rebuild(servers):
    uuid = servers.boot()
    resp = servers.action(uuid, {'rebuild': {'imageRef': servers.image_id(), 'name': 'renamed',
                                             'metadata': {'a': 'b'}}}, version='2.75')
    assert resp.status_int == 202
    body = resp.json_body_or_none['server']
    assert body['status'] == 'REBUILD' and body['name'] == 'renamed' and 'adminPass' in body
    assert body['metadata'] == {'a': 'b'} and 'user_data' in body
    servers.settle()
    assert servers.get(uuid)['status'] == 'ACTIVE'


def test_shelve_unshelve(servers):
    uuid = servers.boot()
    assert servers.action(uuid, {'shelve': None}).status_int == 202
    servers.settle()
    server = servers.get(uuid, admin=True)
    assert server['status'] == 'SHELVED_OFFLOADED' and server['OS-EXT-SRV-ATTR:host'] is None
    assert servers.action(uuid, {'unshelve': None}).status_int == 202
    servers.settle()
    server = servers.get(uuid, admin=True)
    assert server['status'] == 'ACTIVE' and server['OS-EXT-SRV-ATTR:host']
