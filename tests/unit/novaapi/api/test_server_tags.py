"""Server tags against Nova's samples and messages."""

from tests.conftest import sample


def _msg(resp):
    return next(iter(resp.json_body_or_none.values()))['message']


def test_tags_lifecycle(servers):
    uuid = servers.boot()
    assert servers.sub('GET', uuid, 'tags', version='2.25').status_int == 404
    resp = servers.sub('PUT', uuid, 'tags', sample('os-server-tags/v2.26/server-tags-put-all-req.json'))
    assert resp.json_body_or_none == sample('os-server-tags/v2.26/server-tags-put-all-resp.json')
    resp = servers.sub('GET', uuid, 'tags')
    assert resp.json_body_or_none == sample('os-server-tags/v2.26/server-tags-index-resp.json')
    resp = servers.sub('GET', uuid, 'tags/tag1')
    assert resp.status_int == 204 and resp.body == b''
    resp = servers.sub('GET', uuid, 'tags/tag9')
    assert resp.status_int == 404 and _msg(resp) == "Server %s has no tag 'tag9'" % uuid
    resp = servers.sub('PUT', uuid, 'tags/tag3')
    assert resp.status_int == 201
    assert resp.headers['Location'] == 'http://127.0.0.1:8774/v2.1/servers/%s/tags/tag3' % uuid
    assert servers.sub('PUT', uuid, 'tags/tag3').status_int == 204
    assert servers.get(uuid)['tags'] == ['tag1', 'tag2', 'tag3']
    resp = servers.sub('DELETE', uuid, 'tags/tag1')
    assert resp.status_int == 204
    resp = servers.sub('DELETE', uuid, 'tags/tag1')
    assert resp.status_int == 404 and _msg(resp) == "Instance %s has no tag 'tag1'" % uuid
    assert servers.sub('DELETE', uuid, 'tags').status_int == 204
    assert servers.sub('GET', uuid, 'tags').json_body_or_none == {'tags': []}


def test_tag_rules(servers):
    uuid = servers.boot()
    resp = servers.sub('PUT', uuid, 'tags/a,b')
    assert resp.status_int == 400
    assert _msg(resp).startswith("Tag 'a,b' is invalid. It must be a non empty string without "
                                 "characters '/' and ','. Validation error message: ")
    assert servers.sub('PUT', uuid, 'tags/' + 'x' * 61).status_int == 400
    assert servers.sub('PUT', uuid, 'tags/x', {'a': 1}).status_int == 400
    assert servers.sub('PUT', uuid, 'tags', {'tags': ['a/b']}).status_int == 400
    assert servers.sub('PUT', uuid, 'tags', {'tags': ['t%d' % i for i in range(51)]}).status_int == 400
    full = servers.sub('PUT', uuid, 'tags', {'tags': ['t%d' % i for i in range(50)]})
    assert len(full.json_body_or_none['tags']) == 50
    resp = servers.sub('PUT', uuid, 'tags/extra')
    assert resp.status_int == 400
    assert _msg(resp) == 'The number of tags exceeded the per-server limit 50'


def test_tag_states_and_projects(servers):
    uuid = servers.boot()
    servers.set_instance(uuid, vm_state='shelved_offloaded', locked=True)
    resp = servers.sub('PUT', uuid, 'tags/a')
    assert resp.status_int == 409
    assert _msg(resp) == ("Cannot 'update tag' instance %s while it is in vm_state "
                          "shelved_offloaded" % uuid)
    for method, path, verb in (('PUT', 'tags', 'update tags'), ('DELETE', 'tags', 'delete tags'),
                               ('DELETE', 'tags/a', 'delete tag')):
        resp = servers.sub(method, uuid, path, {'tags': []} if method == 'PUT' else None)
        assert resp.status_int == 409 and verb in _msg(resp)
    assert servers.sub('GET', uuid, 'tags').status_int == 200
    servers.set_instance(uuid, vm_state='active', locked=False)
    assert servers.sub('PUT', uuid, 'tags/a').status_int == 201
    missing = '00000000-0000-0000-0000-000000000000'
    resp = servers.sub('GET', missing, 'tags')
    assert resp.status_int == 404 and _msg(resp) == 'Instance %s has no mapping to a cell.' % missing
    admin = SubAdmin(servers)
    other = admin.boot()
    resp = servers.sub('GET', other, 'tags')
    assert resp.status_int == 403
    assert _msg(resp) == "Policy doesn't allow os_compute_api:os-server-tags:index to be performed."
    assert servers.call('DELETE', '/servers/' + uuid).status_int == 204
    servers.settle()
    resp = servers.sub('GET', uuid, 'tags', admin=True)
    assert resp.status_int == 404 and _msg(resp) == 'Instance %s could not be found.' % uuid


def SubAdmin(servers):
    return servers.__class__(servers.app, servers.admin_token, servers.admin_token)
