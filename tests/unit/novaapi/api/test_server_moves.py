"""Resize through the compute pipeline: confirm and revert."""


def test_resize_confirm_and_revert(servers):
    uuid = servers.boot()
    host = servers.get(uuid, admin=True)['OS-EXT-SRV-ATTR:host']
    assert servers.action(uuid, {'resize': {'flavorRef': '1'}}).status_int == 400
    assert servers.action(uuid, {'resize': {'flavorRef': '2'}}).status_int == 202
    assert servers.get(uuid)['status'] == 'RESIZE'
    servers.settle()
    server = servers.get(uuid, admin=True)
    assert server['status'] == 'VERIFY_RESIZE'
    assert server['OS-EXT-SRV-ATTR:host'] != host
    assert server['flavor']['original_name'] == 'm1.small'
    assert servers.action(uuid, {'confirmResize': None}).status_int == 204
    assert servers.get(uuid)['status'] == 'ACTIVE'
    assert servers.action(uuid, {'confirmResize': None}).status_int == 409
    assert servers.action(uuid, {'resize': {'flavorRef': '3'}}).status_int == 202
    servers.settle()
    assert servers.action(uuid, {'revertResize': None}).status_int == 202
    assert servers.get(uuid)['status'] == 'REVERT_RESIZE'
    servers.settle()
    server = servers.get(uuid)
    assert (server['status'], server['flavor']['original_name']) == ('ACTIVE', 'm1.small')
