"""The attachments API (3.27+, os-complete 3.44+) and multiattach rules."""

SERVER = '0b4b2d55-0f6b-4bb3-9a39-4b9b0c8b3e01'
OTHER = '7d0a83b2-5a38-44b0-8d36-0a9f7b1f5c22'
CONNECTOR = {'host': 'compute1', 'initiator': 'iqn.1993-08.org.debian:01:abc', 'ip': '10.0.0.5',
             'platform': 'x86_64', 'os_type': 'linux', 'multipath': False,
             'mountpoint': '/dev/vdb'}


def _volume(client, token, **extra):
    resp = client.post('/volumes', {'volume': {'size': 1, **extra}}, token=token)
    assert resp.status_int == 202, resp.body
    return resp.data['volume']


def _status(client, token, volume):
    return client.get('/volumes/' + volume['id'], token=token).data['volume']


def test_nova_attach_sequence(demo, demo_token):
    vol = _volume(demo, demo_token)
    body = {'attachment': {'volume_uuid': vol['id'], 'instance_uuid': SERVER}}
    assert demo.post('/attachments', body, token=demo_token).status_int == 404  # 3.0
    resp = demo.post('/attachments', body, token=demo_token, version='3.44')
    assert resp.status_int == 200, resp.body
    att = resp.data['attachment']
    assert (att['status'], att['instance'], att['volume_id'], att['attached_at'],
            att['connection_info']) == ('reserved', SERVER, vol['id'], '', None)
    assert _status(demo, demo_token, vol)['status'] == 'reserved'
    resp = demo.post('/attachments', body, token=demo_token, version='3.44')
    assert resp.status_int == 200  # the same server may reserve again (migration)
    demo.delete('/attachments/' + resp.data['attachment']['id'], token=demo_token,
                version='3.44')
    resp = demo.post('/attachments', {'attachment': {'volume_uuid': vol['id'],
                                                     'instance_uuid': OTHER}},
                     token=demo_token, version='3.44')
    assert resp.status_int == 400
    assert resp.data['badRequest']['message'] == (
        'Invalid volume: Volume %s status must be available or downloading to reserve, but the '
        'current status is reserved.' % vol['id'])
    resp = demo.put('/attachments/' + att['id'], {'attachment': {'connector': CONNECTOR}},
                    token=demo_token, version='3.44')
    assert resp.status_int == 200, resp.body
    info = resp.data['attachment']['connection_info']
    assert info['driver_volume_type'] == 'iscsi' and info['data']['volume_id'] == vol['id']
    assert resp.data['attachment']['status'] == 'attaching'
    resp = demo.post('/attachments/%s/action' % att['id'], {'os-complete': None},
                     token=demo_token, version='3.44')
    assert resp.status_int == 204
    shown = _status(demo, demo_token, vol)
    assert shown['status'] == 'in-use'
    assert shown['attachments'][0]['attachment_id'] == att['id']
    assert shown['attachments'][0]['server_id'] == SERVER
    assert shown['attachments'][0]['device'] == '/dev/vdb'
    listed = demo.get('/attachments?instance_id=' + SERVER, token=demo_token,
                      version='3.44').data['attachments']
    assert listed == [{'id': att['id'], 'status': 'attached', 'instance': SERVER,
                       'volume_id': vol['id']}]
    resp = demo.delete('/attachments/' + att['id'], token=demo_token, version='3.44')
    assert resp.status_int == 200 and resp.data == {'attachments': []}
    assert _status(demo, demo_token, vol)['status'] == 'available'
    resp = demo.get('/attachments/' + att['id'], token=demo_token, version='3.44')
    assert resp.status_int == 404
    assert resp.data['itemNotFound']['message'] == \
        'Volume attachment could not be found with filter: attachment_id = %s.' % att['id']


def test_attachment_create_with_connector_and_bad_bodies(demo, demo_token):
    vol = _volume(demo, demo_token)
    resp = demo.post('/attachments', {'attachment': {'volume_uuid': vol['id'],
                                                     'instance_uuid': SERVER,
                                                     'connector': CONNECTOR}},
                     token=demo_token, version='3.54')
    assert resp.status_int == 200 and resp.data['attachment']['status'] == 'attaching'
    for body in ({'attachment': {}}, {'attachment': {'volume_uuid': vol['id'], 'x': 1}},
                 {'nothing': {}}):
        assert demo.post('/attachments', body, token=demo_token,
                         version='3.44').status_int == 400, body
    resp = demo.post('/attachments', {'attachment': {'volume_uuid': 'nope'}},
                     token=demo_token, version='3.44')
    assert resp.status_int == 404
    resp = demo.put('/attachments/' + SERVER, {'attachment': {'connector': {}}},
                    token=demo_token, version='3.44')
    assert resp.status_int == 400


def test_multiattach_type_allows_a_second_server(demo, demo_token, admin, admin_token):
    admin.post('/types', {'volume_type': {'name': 'multi', 'extra_specs': {
        'multiattach': '<is> True'}}}, token=admin_token)
    vol = _volume(demo, demo_token, volume_type='multi')
    ids = []
    for server in (SERVER, OTHER):
        resp = demo.post('/attachments', {'attachment': {'volume_uuid': vol['id'],
                                                         'instance_uuid': server,
                                                         'connector': CONNECTOR}},
                         token=demo_token, version='3.50')
        assert resp.status_int == 200, resp.body
        ids.append(resp.data['attachment']['id'])
        demo.post('/attachments/%s/action' % ids[-1], {'os-complete': None},
                  token=demo_token, version='3.50')
    shown = _status(demo, demo_token, vol)
    assert shown['status'] == 'in-use' and len(shown['attachments']) == 2
    demo.delete('/attachments/' + ids[0], token=demo_token, version='3.50')
    assert _status(demo, demo_token, vol)['status'] == 'in-use'
    demo.delete('/attachments/' + ids[1], token=demo_token, version='3.50')
    assert _status(demo, demo_token, vol)['status'] == 'available'


def test_snapshot_of_in_use_volume_needs_force(demo, demo_token):
    vol = _volume(demo, demo_token)
    demo.post('/volumes/%s/action' % vol['id'],
              {'os-attach': {'instance_uuid': SERVER, 'mountpoint': '/dev/vdb'}},
              token=demo_token)
    resp = demo.post('/snapshots', {'snapshot': {'volume_id': vol['id']}}, token=demo_token)
    assert resp.status_int == 400
    assert resp.data['badRequest']['message'] == (
        'Invalid volume: Volume %s status must be available, but current status is: in-use.'
        % vol['id'])
    resp = demo.post('/snapshots', {'snapshot': {'volume_id': vol['id'], 'force': True}},
                     token=demo_token)
    assert resp.status_int == 202
    resp = demo.post('/snapshots', {'snapshot': {'volume_id': vol['id']}}, token=demo_token,
                     version='3.66')
    assert resp.status_int == 202
    snaps = demo.get('/snapshots/detail', token=demo_token, version='3.65').data['snapshots']
    assert len(snaps) == 2 and snaps[0]['consumes_quota'] is True
    assert snaps[0]['os-extended-snapshot-attributes:progress'] == '100%'
