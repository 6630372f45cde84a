"""Nova's os-volumes, os-snapshots (<= 2.35) and os-volumes_boot (<= 2.102) proxies."""

import uuid as uuidlib


def _msg(resp):
    return next(iter(resp.json_body_or_none.values()))['message']


def test_os_volumes_proxy(servers):
    resp = servers.call('POST', '/os-volumes', {'volume': {
        'size': '1', 'display_name': 'pv', 'display_description': 'd', 'metadata': {'a': 'b'}}},
        version='2.1')
    assert resp.status_int == 200, resp.body
    volume = resp.json_body_or_none['volume']
    assert resp.headers['Location'].endswith('/os-volumes/' + volume['id'])
    assert sorted(volume) == ['attachments', 'availabilityZone', 'createdAt',
                              'displayDescription', 'displayName', 'id', 'metadata', 'size',
                              'snapshotId', 'status', 'volumeType']
    assert (volume['displayName'], volume['size'], volume['volumeType'], volume['attachments'],
            volume['metadata']) == ('pv', 1, '__DEFAULT__', [{}], {'a': 'b'})
    uuid = servers.boot()
    servers.sub('POST', uuid, 'os-volume_attachments', {'volumeAttachment': {
        'volumeId': volume['id']}})
    shown = servers.call('GET', '/os-volumes/' + volume['id'], version='2.35').json_body_or_none
    assert shown['volume']['attachments'] == [{'id': volume['id'], 'volumeId': volume['id'],
                                               'serverId': uuid, 'device': '/dev/vdb'}]
    assert shown['volume']['status'] == 'in-use'
    listed = servers.call('GET', '/os-volumes/detail?limit=1', version='2.1').json_body_or_none
    assert [v['id'] for v in listed['volumes']] == [volume['id']]
    resp = servers.call('DELETE', '/os-volumes/' + volume['id'], version='2.1')
    assert resp.status_int == 400 and _msg(resp).startswith('Invalid input received: Invalid '
                                                           'volume: Volume status must be')
    missing = str(uuidlib.uuid4())
    resp = servers.call('GET', '/os-volumes/' + missing, version='2.1')
    assert resp.status_int == 404 and _msg(resp) == 'Volume %s could not be found.' % missing
    assert servers.call('GET', '/os-volumes', version='2.36').status_int == 404
    resp = servers.call('POST', '/os-volumes', {'volume': {'size': 2000}}, version='2.1')
    assert resp.status_int == 403 and 'gigabytes quota' in _msg(resp)
    assert servers.call('POST', '/os-volumes', {'volume': {}}, version='2.1').status_int == 400
    resp = servers.call('POST', '/os-volumes', {'volume': {'size': 1, 'metadata': {'a': 1}}},
                        version='2.1')
    assert resp.status_int == 400 and 'must be strings' in _msg(resp)


def test_os_snapshots_proxy(servers):
    volume_id = servers.volume()
    resp = servers.call('POST', '/os-snapshots', {'snapshot': {
        'volume_id': volume_id, 'display_name': 'ps'}}, version='2.1')
    assert resp.status_int == 200, resp.body
    snap = resp.json_body_or_none['snapshot']
    assert sorted(snap) == ['createdAt', 'displayDescription', 'displayName', 'id', 'size',
                            'status', 'volumeId']
    assert (snap['volumeId'], snap['displayName'], snap['size']) == (volume_id, 'ps', 1)
    listed = servers.call('GET', '/os-snapshots', version='2.1').json_body_or_none['snapshots']
    assert [s['id'] for s in listed] == [snap['id']]
    resp = servers.call('POST', '/os-volumes', {'volume': {'snapshot_id': snap['id'],
                                                           'size': 1}}, version='2.1')
    assert resp.json_body_or_none['volume']['snapshotId'] == snap['id']
    assert servers.call('DELETE', '/os-snapshots/' + snap['id'], version='2.1').status_int == 202
    assert servers.call('GET', '/os-snapshots/' + snap['id'], version='2.1').status_int == 404
    assert servers.call('GET', '/os-snapshots', version='2.36').status_int == 404


def test_os_volumes_boot_alias(servers):
    body = {'name': 'vb', 'imageRef': servers.image_id(), 'flavorRef': '1', 'networks': 'auto'}
    resp = servers.call('POST', '/os-volumes_boot', {'server': body}, version='2.102')
    assert resp.status_int == 202, resp.body
    server_id = resp.json_body_or_none['server']['id']
    shown = servers.call('GET', '/os-volumes_boot/' + server_id, version='2.37')
    assert shown.json_body_or_none['server']['name'] == 'vb'
    assert servers.call('GET', '/os-volumes_boot/' + server_id, version='2.103').status_int == 404
    # Its action route takes the servers controller's own actions (not pause), up to 2.102.
    servers.settle()
    action = '/os-volumes_boot/%s/action' % server_id
    assert servers.call('POST', action, {'os-stop': None}, version='2.102').status_int == 202
    servers.settle()
    assert servers.call('GET', '/servers/' + server_id).json_body_or_none['server'][
        'status'] == 'SHUTOFF'
    refused = servers.call('POST', action, {'pause': None}, version='2.1')
    assert refused.status_int == 400, refused.body
    assert servers.call('POST', action, {'os-start': None}, version='2.103').status_int == 404
    # an action before its own window: 404 here as on /servers
    assert servers.call('POST', action, {'trigger_crash_dump': None},
                        version='2.16').status_int == 404
    assert servers.action(server_id, {'trigger_crash_dump': None}, version='2.16').status_int == 404
    assert servers.call('DELETE', '/os-volumes_boot/' + server_id,
                        version='2.1').status_int == 204
