"""The server password: read and clear."""

from novaapi.compute.subresources import password
from novaapi.compute import instances
from novaapi.db import engine
from novaapi import context
from tests.conftest import sample


def test_server_password(servers):
    uuid = servers.boot()
    assert servers.sub('GET', uuid, 'os-server-password').json_body_or_none == {'password': ''}
    want = sample('os-server-password/get-password-resp.json')['password']
    ctx = context.RequestContext(user_id='x', project_id='x', roles=['admin'])
    with engine.transaction() as sess:
        password.set_password(sess, instances.get(sess, ctx, uuid), want)
    assert servers.sub('GET', uuid, 'os-server-password').json_body_or_none == {'password': want}
    resp = servers.sub('DELETE', uuid, 'os-server-password')
    assert resp.status_int == 204 and resp.body == b''
    assert servers.sub('GET', uuid, 'os-server-password').json_body_or_none == {'password': ''}
