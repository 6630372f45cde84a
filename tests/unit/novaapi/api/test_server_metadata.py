"""Server metadata: merge, replace, one item, quota, states and Nova's samples."""

import pytest

from tests.conftest import sample


def _msg(resp):
    return next(iter(resp.json_body_or_none.values()))['message']


def test_samples_round_trip(servers):
    uuid = servers.boot()
    req = sample('server-metadata/server-metadata-all-req.json')
    resp = servers.sub('PUT', uuid, 'metadata', req)
    assert resp.status_int == 200
    assert resp.json_body_or_none == sample('server-metadata/server-metadata-all-resp.json')
    resp = servers.sub('GET', uuid, 'metadata/foo')
    assert resp.json_body_or_none == sample('server-metadata/server-metadata-resp.json')
    resp = servers.sub('PUT', uuid, 'metadata/foo', sample('server-metadata/server-metadata-req.json'))
    assert resp.status_int == 200 and resp.json_body_or_none == {'meta': {'foo': 'Bar Value'}}


def test_merge_replace_delete(servers):
    uuid = servers.boot(metadata={'a': '1', 'b': '2'})
    assert servers.sub('GET', uuid, 'metadata').json_body_or_none == {'metadata': {'a': '1', 'b': '2'}}
    merged = servers.sub('POST', uuid, 'metadata', {'metadata': {'b': '3', 'c': '4'}})
    assert merged.json_body_or_none == {'metadata': {'a': '1', 'b': '3', 'c': '4'}}
    replaced = servers.sub('PUT', uuid, 'metadata', {'metadata': {'z': '9'}})
    assert replaced.json_body_or_none == {'metadata': {'z': '9'}}
    resp = servers.sub('DELETE', uuid, 'metadata/z')
    assert resp.status_int == 204 and resp.body == b''
    resp = servers.sub('DELETE', uuid, 'metadata/z')
    assert resp.status_int == 404 and _msg(resp) == 'Metadata item was not found'
    resp = servers.sub('GET', uuid, 'metadata/nope')
    assert resp.status_int == 404 and _msg(resp) == 'Metadata item was not found'
    assert servers.get(uuid)['metadata'] == {}


def test_update_item_errors(servers):
    uuid = servers.boot()
    resp = servers.sub('PUT', uuid, 'metadata/a', {'meta': {'b': '1'}})
    assert resp.status_int == 400 and _msg(resp) == 'Request body and URI mismatch'
    resp = servers.sub('PUT', uuid, 'metadata/a', {'meta': {'a': '1', 'b': '2'}})
    assert resp.status_int == 400
    resp = servers.sub('PUT', uuid, 'metadata/a', {'meta': {'a': 'x' * 256}})
    assert resp.status_int == 400
    resp = servers.sub('POST', uuid, 'metadata', {'metadata': {'bad/key': '1'}})
    assert resp.status_int == 400
    resp = servers.sub('POST', uuid, 'metadata', {'meta': {}})
    assert resp.status_int == 400


def test_quota(servers):
    uuid = servers.boot()
    servers.call('PUT', '/os-quota-sets/%s' % servers.project_of(uuid),
                 {'quota_set': {'metadata_items': 2}}, admin=True)
    resp = servers.sub('POST', uuid, 'metadata', {'metadata': {'a': '1', 'b': '2', 'c': '3'}})
    assert resp.status_int == 403
    assert _msg(resp) == 'Maximum number of metadata items exceeds 2'
    assert servers.sub('PUT', uuid, 'metadata', {'metadata': {'a': '1', 'b': '2'}}).status_int == 200
    resp = servers.sub('PUT', uuid, 'metadata/c', {'meta': {'c': '3'}})
    assert resp.status_int == 403


@pytest.mark.parametrize('values,message', [
    ({'vm_state': 'building'}, "Cannot 'update metadata' instance %s while it is in vm_state building"),
    ({'vm_state': 'error'}, "Cannot 'update metadata' instance %s while it is in vm_state error"),
    ({'launched_at': None}, "Instance %s is in an invalid state for 'update metadata'"),
    ({'locked': True}, 'Instance %s is locked'),
])
def test_state_guards(servers, values, message):
    uuid = servers.boot()
    servers.set_instance(uuid, **values)
    resp = servers.sub('POST', uuid, 'metadata', {'metadata': {'a': '1'}})
    assert resp.status_int == 409 and _msg(resp) == message % uuid
    resp = servers.sub('PUT', uuid, 'metadata', {'metadata': {'a': '1'}}, admin='locked' in values)
    assert resp.status_int == (200 if 'locked' in values else 409)


def test_delete_state_and_any_task(servers):
    uuid = servers.boot(metadata={'a': '1'})
    servers.set_instance(uuid, task_state='rebooting')
    assert servers.sub('POST', uuid, 'metadata', {'metadata': {'b': '1'}}).status_int == 200
    servers.set_instance(uuid, task_state=None, vm_state='shelved')
    resp = servers.sub('DELETE', uuid, 'metadata/a')
    assert resp.status_int == 409
    assert _msg(resp) == "Cannot 'delete metadata' instance %s while it is in vm_state shelved" % uuid


def test_not_found_and_policy(servers):
    uuid = servers.boot()
    missing = '00000000-0000-0000-0000-000000000000'
    resp = servers.sub('GET', missing, 'metadata')
    assert resp.status_int == 404 and _msg(resp) == 'Instance %s could not be found.' % missing
    admin_uuid = servers.boot.__func__(servers.__class__(servers.app, servers.admin_token,
                                                         servers.admin_token))
    resp = servers.sub('GET', admin_uuid, 'metadata')
    assert resp.status_int == 404
    assert servers.sub('GET', uuid, 'metadata', admin=True).status_int == 200
