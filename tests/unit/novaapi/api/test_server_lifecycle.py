"""Power, lock and state actions through the compute pipeline, with their guards; soft delete and restore."""


def test_stop_start_and_conflicts(servers):
    uuid = servers.boot()
    assert servers.action(uuid, {'os-start': None}).status_int == 409
    resp = servers.action(uuid, {'os-stop': None})
    assert resp.status_int == 202 and resp.body == b''
    again = servers.action(uuid, {'os-stop': None})
    assert again.status_int == 409
    assert again.json_body_or_none['conflictingRequest']['message'] == (
        "Cannot 'stop' instance %s while it is in task_state powering-off" % uuid)
    servers.settle()
    server = servers.get(uuid)
    assert (server['status'], server['OS-EXT-STS:power_state']) == ('SHUTOFF', 4)
    resp = servers.action(uuid, {'os-stop': None})
    assert resp.json_body_or_none['conflictingRequest']['message'] == (
        "Cannot 'stop' instance %s while it is in vm_state stopped" % uuid)
    assert servers.action(uuid, {'os-start': {}}).status_int == 202
    servers.settle()
    assert servers.get(uuid)['status'] == 'ACTIVE'


def test_reboot_pause_suspend_rescue(servers):
    uuid = servers.boot()
    assert servers.action(uuid, {'reboot': {'type': 'SOFT'}}).status_int == 202
    assert servers.get(uuid)['status'] == 'REBOOT'
    assert servers.action(uuid, {'reboot': {'type': 'HARD'}}).status_int == 202
    assert servers.get(uuid)['status'] == 'HARD_REBOOT'
    servers.settle()
    for action, status, power in (('pause', 'PAUSED', 3), ('unpause', 'ACTIVE', 1),
                                  ('suspend', 'SUSPENDED', 7), ('resume', 'ACTIVE', 1)):
        assert servers.action(uuid, {action: None}).status_int == 202, action
        servers.settle()
        server = servers.get(uuid)
        assert (server['status'], server['OS-EXT-STS:power_state']) == (status, power)
    resp = servers.action(uuid, {'rescue': {'adminPass': 'secret'}})
    assert resp.status_int == 200 and resp.json_body_or_none == {'adminPass': 'secret'}
    servers.settle()
    assert servers.get(uuid)['status'] == 'RESCUE'
    assert servers.action(uuid, {'unrescue': None}).status_int == 202
    servers.settle()
    assert servers.get(uuid)['status'] == 'ACTIVE'


def test_lock(servers):
    uuid = servers.boot()
    assert servers.action(uuid, {'lock': {'locked_reason': 'maintenance'}}, version='2.73').status_int == 202
    server = servers.get(uuid)
    assert server['locked'] is True and server['locked_reason'] == 'maintenance'
    resp = servers.action(uuid, {'os-stop': None})
    assert resp.status_int == 409
    assert resp.json_body_or_none['conflictingRequest']['message'] == 'Instance %s is locked' % uuid
    assert servers.call('DELETE', '/servers/' + uuid).status_int == 409
    assert servers.action(uuid, {'unlock': None}).status_int == 202
    assert servers.get(uuid)['locked'] is False


def test_soft_delete_and_restore(servers):
    from novaapi import conf
    conf.CONF.set('compute', 'reclaim_instance_interval', 3600)
    uuid = servers.boot()
    assert servers.call('DELETE', '/servers/' + uuid).status_int == 204
    servers.settle()
    assert servers.get(uuid)['status'] == 'SOFT_DELETED'
    assert servers.action(uuid, {'restore': None}).status_int == 202
    servers.settle()
    assert servers.get(uuid)['status'] == 'ACTIVE'
    assert servers.call('DELETE', '/servers/' + uuid).status_int == 204
    servers.settle()
    assert servers.action(uuid, {'forceDelete': None}).status_int == 202
    servers.settle()
    assert servers.call('GET', '/servers/' + uuid).status_int == 404
