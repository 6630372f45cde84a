"""Volume attachments: real volumes of the block-storage service, device names, views per
microversion, update, swap, detach."""

import uuid as uuidlib

import pytest

from tests.conftest import sample

VERSIONS = {'2.1': '', '2.49': 'v2.49/', '2.70': 'v2.70/', '2.79': 'v2.79/', '2.85': 'v2.85/',
            '2.89': 'v2.89/', '2.101': 'v2.101/'}


def _msg(resp):
    return next(iter(resp.json_body_or_none.values()))['message']


def _attach(servers, uuid, version='2.96', **spec):
    if 'volumeId' not in spec:
        spec['volumeId'] = servers.volume()
    return servers.sub('POST', uuid, 'os-volume_attachments', {'volumeAttachment': spec},
                       version=version)


@pytest.mark.parametrize('version', sorted(VERSIONS))
def test_keys_match_samples(servers, version):
    folder = 'os-volume_attachments/' + VERSIONS[version]
    uuid = servers.boot()
    req = sample(folder + 'attach-volume-to-server-req.json')
    req['volumeAttachment'].pop('device', None)
    req['volumeAttachment']['volumeId'] = servers.volume()
    resp = servers.sub('POST', uuid, 'os-volume_attachments', req, version=version)
    if version == '2.101':
        assert resp.status_int == 202 and resp.body == b''
    else:
        assert resp.status_int == 200
        want = sample(folder + 'attach-volume-to-server-resp.json')['volumeAttachment']
        got = resp.json_body_or_none['volumeAttachment']
        assert sorted(got) == sorted(want)
        assert got['device'] == '/dev/vdb'
    second = _attach(servers, uuid)
    assert second.json_body_or_none['volumeAttachment']['device'] == '/dev/vdc'
    listed = servers.sub('GET', uuid, 'os-volume_attachments', version=version).json_body_or_none
    want = sample(folder + 'list-volume-attachments-resp.json')['volumeAttachments']
    assert [sorted(v) for v in listed['volumeAttachments']] == [sorted(v) for v in want]
    volume_id = req['volumeAttachment']['volumeId']
    shown = servers.sub('GET', uuid, 'os-volume_attachments/' + volume_id, version=version)
    want = sample(folder + 'volume-attachment-detail-resp.json')['volumeAttachment']
    assert sorted(shown.json_body_or_none['volumeAttachment']) == sorted(want)
    volumes = servers.get(uuid)['os-extended-volumes:volumes_attached']
    assert sorted(v['id'] for v in volumes) == sorted(
        [volume_id, second.json_body_or_none['volumeAttachment']['volumeId']])


def test_device_rules_and_double_attach(servers):
    uuid = servers.boot()
    resp = _attach(servers, uuid, device='/dev/sdb')
    assert resp.json_body_or_none['volumeAttachment']['device'] == '/dev/sdb'
    volume_id = resp.json_body_or_none['volumeAttachment']['volumeId']
    resp = _attach(servers, uuid, device='/dev/sdb')
    assert resp.status_int == 409 and _msg(resp) == 'The supplied device path (/dev/sdb) is in use.'
    assert _attach(servers, uuid, device='sdb').status_int == 400
    resp = _attach(servers, uuid, volumeId=volume_id)
    assert resp.status_int == 400
    assert _msg(resp) == 'Invalid volume: volume %s is already attached to instances: %s' % (
        volume_id, uuid)
    other = servers.boot()
    assert _attach(servers, other, volumeId=volume_id).status_int == 400
    assert _attach(servers, uuid, volumeId='nope').status_int == 400
    missing = str(uuidlib.uuid4())
    resp = _attach(servers, uuid, volumeId=missing)
    assert resp.status_int == 404 and _msg(resp) == 'Volume %s could not be found.' % missing


def test_attach_reaches_in_use_and_detach_makes_available(servers):
    uuid = servers.boot()
    volume_id = servers.volume()
    resp = _attach(servers, uuid, volumeId=volume_id, version='2.101')
    assert resp.status_int == 202 and resp.body == b''
    assert servers.volume_status(volume_id) == 'in-use'
    shown = servers.volume_call('GET', '/volumes/' + volume_id).json_body_or_none['volume']
    assert shown['attachments'][0]['server_id'] == uuid
    assert shown['attachments'][0]['device'] == '/dev/vdb'
    # A volume in use elsewhere (reset to available behind Nova's back) is refused by Cinder.
    busy = servers.volume()
    servers.volume_call('POST', '/volumes/%s/action' % busy, {'os-reserve': None})
    resp = _attach(servers, uuid, volumeId=busy)
    assert resp.status_int == 400
    assert _msg(resp) == ('Invalid input received: Invalid volume: Volume %s status must be '
                          'available or downloading to reserve, but the current status is '
                          'attaching. (HTTP 400)' % busy)
    assert servers.sub('DELETE', uuid, 'os-volume_attachments/' + volume_id).status_int == 202
    assert servers.volume_status(volume_id) == 'available'


def test_multiattach_volume_needs_2_60(servers):
    servers.volume_call('POST', '/types', {'volume_type': {
        'name': 'multi', 'extra_specs': {'multiattach': '<is> True'}}}, admin=True)
    volume_id = servers.volume(volume_type='multi')
    first, second = servers.boot(), servers.boot()
    resp = _attach(servers, first, volumeId=volume_id, version='2.59')
    assert resp.status_int == 400 and _msg(resp) == (
        'Multiattach volumes are only supported starting with compute API version 2.60.')
    for uuid in (first, second):
        assert _attach(servers, uuid, volumeId=volume_id, version='2.60').status_int == 200
    shown = servers.volume_call('GET', '/volumes/' + volume_id).json_body_or_none['volume']
    assert sorted(a['server_id'] for a in shown['attachments']) == sorted([first, second])


def test_detach(servers):
    uuid = servers.boot()
    volume_id = _attach(servers, uuid).json_body_or_none['volumeAttachment']['volumeId']
    resp = servers.sub('DELETE', uuid, 'os-volume_attachments/' + volume_id)
    assert resp.status_int == 202 and resp.body == b''
    resp = servers.sub('GET', uuid, 'os-volume_attachments/' + volume_id)
    assert resp.status_int == 404
    assert _msg(resp) == 'Instance %s is not attached to volume %s' % (uuid, volume_id)
    assert servers.sub('DELETE', uuid, 'os-volume_attachments/' + volume_id).status_int == 404
    again = _attach(servers, uuid, volumeId=volume_id)
    assert again.json_body_or_none['volumeAttachment']['device'] == '/dev/vdb'
    actions = servers.sub('GET', uuid, 'os-instance-actions').json_body_or_none['instanceActions']
    assert [a['action'] for a in actions][:3] == ['attach_volume', 'detach_volume', 'attach_volume']


def test_update_and_swap(servers):
    uuid = servers.boot()
    volume_id = _attach(servers, uuid, version='2.79', delete_on_termination=False,
                        tag='foo').json_body_or_none['volumeAttachment']['volumeId']
    body = {'volumeAttachment': {'volumeId': volume_id, 'delete_on_termination': True}}
    resp = servers.sub('PUT', uuid, 'os-volume_attachments/' + volume_id, body, version='2.85')
    assert resp.status_int == 202 and resp.body == b''
    shown = servers.sub('GET', uuid, 'os-volume_attachments/' + volume_id, version='2.85')
    assert shown.json_body_or_none['volumeAttachment']['delete_on_termination'] is True
    body['volumeAttachment']['tag'] = 'bar'
    resp = servers.sub('PUT', uuid, 'os-volume_attachments/' + volume_id, body, version='2.85')
    assert resp.status_int == 400 and _msg(resp) == 'The tag property is not mutable'
    resp = servers.sub('PUT', uuid, 'os-volume_attachments/' + volume_id, body, version='2.84')
    assert resp.status_int == 400
    swap = {'volumeAttachment': {'volumeId': str(uuidlib.uuid4())}}
    resp = servers.sub('PUT', uuid, 'os-volume_attachments/' + volume_id, swap)
    assert resp.status_int == 403
    resp = servers.sub('PUT', uuid, 'os-volume_attachments/' + volume_id, swap, admin=True)
    assert resp.status_int == 409
    assert _msg(resp) == ('volume %s is not migrating; this API should only be called by Cinder'
                          % volume_id)
    missing = str(uuidlib.uuid4())
    resp = servers.sub('PUT', uuid, 'os-volume_attachments/' + missing,
                       {'volumeAttachment': {'volumeId': missing}}, version='2.85')
    assert resp.status_int == 404
    assert _msg(resp) == 'No volume Block Device Mapping with id %s.' % missing


def test_swap_while_cinder_migrates(servers):
    uuid = servers.boot()
    old = _attach(servers, uuid).json_body_or_none['volumeAttachment']['volumeId']
    new = servers.volume(size=2)
    servers.volume_call('POST', '/volumes/%s/action' % old,
                        {'os-reset_status': {'migration_status': 'migrating'}}, admin=True)
    swap = {'volumeAttachment': {'volumeId': new}}
    resp = servers.sub('PUT', uuid, 'os-volume_attachments/' + old, swap, admin=True)
    assert resp.status_int == 202, resp.body
    assert servers.volume_status(new, admin=True) == 'in-use'
    assert servers.volume_status(old, admin=True) == 'available'
    listed = servers.sub('GET', uuid, 'os-volume_attachments').json_body_or_none
    assert [v['volumeId'] for v in listed['volumeAttachments']] == [new]


def test_states_and_paging(servers):
    uuid = servers.boot()
    for _ in range(3):
        _attach(servers, uuid)
    page = servers.sub('GET', uuid, 'os-volume_attachments?limit=1&offset=1').json_body_or_none
    assert [v['device'] for v in page['volumeAttachments']] == ['/dev/vdc']
    assert servers.sub('GET', uuid, 'os-volume_attachments?foo=1', version='2.75').status_int == 400
    servers.set_instance(uuid, vm_state='shelved_offloaded')
    resp = _attach(servers, uuid, version='2.19')
    assert resp.status_int == 409
    assert _msg(resp) == ("Cannot 'attach_volume' instance %s while it is in vm_state "
                          "shelved_offloaded" % uuid)
    assert _attach(servers, uuid).status_int == 200
    resp = _attach(servers, uuid, tag='x')
    assert resp.status_int == 400
    assert _msg(resp) == 'Tagged volume attachment is not supported for shelved-offloaded instances.'
    servers.set_instance(uuid, vm_state='building')
    resp = _attach(servers, uuid)
    assert resp.status_int == 409
    assert _msg(resp) == "Cannot 'attach_volume' instance %s while it is in vm_state building" % uuid
