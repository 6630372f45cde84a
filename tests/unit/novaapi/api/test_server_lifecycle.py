"""The state machine through the API: build, power actions, guards, resize, images, delete."""

import json

import sqlalchemy as sa

from novaapi.compute import engine as machine
from novaapi.compute import models
from novaapi.db import base
from novaapi.db import engine


def test_build_steps_then_active(servers):
    uuid = servers.boot(settle=False)
    seen = []
    for _ in range(12):
        server = servers.get(uuid)
        seen.append((server['status'], server['OS-EXT-STS:task_state'], server.get('progress')))
        if server['status'] == 'ACTIVE':
            break
        machine.advance_due()
    tasks = [task for _, task, _ in seen]
    assert tasks[:4] == ['scheduling', 'networking', 'block_device_mapping', 'spawning']
    assert [p for status, task, p in seen if task == 'spawning'] == [0, 25, 50, 75]
    assert seen[-1][0] == 'ACTIVE'
    server = servers.get(uuid)
    assert server['OS-EXT-STS:power_state'] == 1
    assert server['addresses'] and server['OS-SRV-USG:launched_at']
    assert server['hostId']


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


def test_create_image_and_backup(servers):
    uuid = servers.boot()
    resp = servers.action(uuid, {'createImage': {'name': 'snap', 'metadata': {'k': 'v'}}},
                          version='2.45')
    assert resp.status_int == 202
    image_id = resp.json_body_or_none['image_id']
    assert servers.get(uuid)['OS-EXT-STS:task_state'] == 'image_snapshot_pending'
    servers.settle()
    assert servers.get(uuid)['OS-EXT-STS:task_state'] is None
    from novaapi.image import models as image_models
    with engine.transaction() as sess:
        image = sess.get(image_models.Image, image_id)
        assert image.status == 'active' and image.properties_dict['instance_uuid'] == uuid
    old = servers.action(uuid, {'createImage': {'name': 'snap2'}}, version='2.44')
    assert old.status_int == 202 and old.body == b''
    assert old.headers['Location'].endswith('/images/' + servers_last_image(old))
    servers.settle()
    backup = {'createBackup': {'name': 'b', 'backup_type': 'daily', 'rotation': 1}}
    assert servers.action(uuid, backup).status_int == 202
    servers.settle()
    assert servers.action(uuid, backup).status_int == 202
    servers.settle()
    with engine.transaction() as sess:
        backups = [i for i in sess.scalars(sa.select(image_models.Image))
                   if i.properties_dict.get('image_type') == 'backup']
        assert len(backups) == 1


def servers_last_image(resp):
    return resp.headers['Location'].rsplit('/', 1)[1]


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


def test_delete_releases_everything(servers):
    uuid = servers.boot()
    assert servers.call('DELETE', '/servers/' + uuid).status_int == 204
    assert servers.get(uuid)['OS-EXT-STS:task_state'] == 'deleting'
    servers.settle()
    resp = servers.call('GET', '/servers/' + uuid)
    assert resp.status_int == 404
    assert resp.json_body_or_none['itemNotFound']['message'] == 'Instance %s could not be found.' % uuid
    from novaapi.network import api as network
    with engine.transaction() as sess:
        assert network.ports_for_device(sess, uuid) == []


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


def test_no_valid_host_goes_to_error(servers):
    from novaapi import conf
    conf.CONF.set('compute', 'host_vcpus', 0)
    with engine.transaction() as sess:
        sess.execute(sa.update(models.ComputeNode).values(vcpus=0))
    uuid = servers.boot()
    server = servers.get(uuid)
    assert server['status'] == 'ERROR'
    assert server['fault']['code'] == 500
    assert server['fault']['message'] == 'No valid host was found. There are not enough hosts available.'
    assert 'details' not in server['fault']
    assert 'details' in servers.get(uuid, admin=True)['fault']


def test_unknown_pending_step_ends_in_error(servers):
    uuid = servers.boot()
    with engine.transaction() as sess:
        sess.execute(sa.update(models.Instance).where(models.Instance.uuid == uuid)
                     .values(step='vanished:0', task_state='powering-off', step_at=base.utcnow()))
    servers.settle()
    server = servers.get(uuid)
    assert server['status'] == 'ERROR' and 'vanished' in server['fault']['message']


def test_step_runs_once(servers):
    uuid = servers.boot()
    servers.action(uuid, {'os-stop': None})
    with engine.transaction() as sess:
        row = machine.due_steps(sess)[0]
    assert machine.advance(*row) is True
    assert machine.advance(*row) is False


def test_other_project_gets_404(servers):
    from novaapi.identity import bootstrap
    from novaapi.identity import models as identity
    from novaapi.identity import tokens
    uuid = servers.boot()
    with engine.transaction() as sess:
        demo = sess.scalars(sa.select(identity.User).where(identity.User.name == 'demo')).one()
        other = sess.scalars(sa.select(identity.Project).where(identity.Project.name == 'service')).one()
        member = sess.scalars(sa.select(identity.Role).where(identity.Role.name == 'member')).one()
        bootstrap._grant(sess, demo, other, member)
        token, _info = tokens.issue(sess, demo.id, other.id, ['password'])
    resp = servers.app.request('GET', '/v2.1/servers/' + uuid, token)
    assert resp.status_int == 404
    assert json.loads(resp.body) == {'itemNotFound': {
        'code': 404, 'message': 'Instance %s could not be found.' % uuid}}
    listed = servers.app.request('GET', '/v2.1/servers', token)
    assert json.loads(listed.body) == {'servers': []}
    assert servers.app.request('GET', '/v2.1/servers/' + uuid, servers.admin_token).status_int == 200


def test_removed_action_unknown_group_and_password_alphabet(servers):
    """resetNetwork is gone (410); an unknown security group is a 400 at boot; generated
    passwords avoid look-alike characters, as Nova's do."""
    uuid = servers.boot()
    resp = servers.action(uuid, {'resetNetwork': None})
    assert resp.status_int == 410
    assert resp.json_body_or_none['computeFault']['code'] == 410
    resp = servers.call('POST', '/servers', {'server': {
        'name': 'sg', 'imageRef': servers.image_id(), 'flavorRef': '1', 'networks': 'auto',
        'security_groups': [{'name': 'nosuch'}]}})
    assert resp.status_int == 400
    assert resp.json_body_or_none['badRequest']['message'].startswith(
        'Security group nosuch not found for project ')
    from novaapi.api import server_common
    for _ in range(50):
        password = server_common.generate_password()
        assert len(password) == 12 and not set(password) & set('01IOl-_')
