"""The tags API of network resources over WSGI (standard-attr-tag)."""

import pytest

from novaapi.network import app
from tests.unit.novaapi.network.conftest import Client


@pytest.fixture
def client(ids):
    return Client(app.build())


def test_tags_of_a_router_and_a_network(client, demo_token):
    router = client.post('/v2.0/routers', {'router': {'name': 'r'}},
                         token=demo_token).data['router']
    url = '/v2.0/routers/%s/tags' % router['id']
    resp = client.put(url, {'tags': ['blue', 'red']}, token=demo_token)
    assert (resp.status_int, resp.data) == (200, {'tags': ['blue', 'red']}), resp.body
    assert client.get(url, token=demo_token).data == {'tags': ['blue', 'red']}
    assert client.get(url + '/blue', token=demo_token).status_int == 204
    resp = client.get(url + '/green', token=demo_token)
    assert (resp.status_int, resp.data['NeutronError']['type']) == (404, 'TagNotFound')
    assert client.put(url + '/green', None, token=demo_token).status_int == 201
    assert client.delete(url + '/red', token=demo_token).status_int == 204
    shown = client.get('/v2.0/routers/%s' % router['id'], token=demo_token).data['router']
    assert (shown['tags'], shown['revision_number']) == (['blue', 'green'], 4)
    found = client.get('/v2.0/routers?tags=green', token=demo_token).data['routers']
    assert [r['id'] for r in found] == [router['id']]
    assert client.delete(url, token=demo_token).status_int == 204
    assert client.get(url, token=demo_token).data == {'tags': []}
    resp = client.put(url, {'tags': ['a', 'a']}, token=demo_token)
    assert resp.status_int == 400, resp.body
    resp = client.get('/v2.0/routers/nope/tags', token=demo_token)
    assert (resp.status_int, resp.data['NeutronError']) == (404, {
        'type': 'TagResourceNotFound', 'detail': '',
        'message': 'Resource router nope could not be found.'})
    assert client.get('/v2.0/bogus/%s/tags' % router['id'], token=demo_token).status_int == 404
    # a shared network is visible but not the member's to change
    private = client.get('/v2.0/networks?name=private', token=demo_token).data['networks'][0]
    assert client.get('/v2.0/networks/%s/tags' % private['id'],
                      token=demo_token).data == {'tags': []}
    resp = client.put('/v2.0/networks/%s/tags/x' % private['id'], None, token=demo_token)
    assert (resp.status_int, resp.data['NeutronError']['type']) == (403, 'PolicyNotAuthorized')
