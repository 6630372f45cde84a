"""The behaviours manager: the URLs and bodies of /_sim/behaviours."""

import types

import pytest

from novaclient.v2 import behaviours


class FakeHTTP:
    def __init__(self):
        self.calls = []

    def _answer(self, method, url, body=None):
        self.calls.append((method, url, body))
        resp = types.SimpleNamespace(request_ids=[], headers={})
        if method == 'delete':
            return resp, None
        item = {'id': 'b-1', 'kind': 'api-fault'}
        listing = method == 'get' and url == '/_sim/behaviours'
        return resp, {'behaviours': [item]} if listing else {'behaviour': item}

    def get(self, url):
        return self._answer('get', url)

    def post(self, url, body=None):
        return self._answer('post', url, body)

    def delete(self, url):
        return self._answer('delete', url)


@pytest.fixture
def manager():
    return behaviours.BehaviourManager(types.SimpleNamespace(client=FakeHTTP(), api_version=None))


def test_create_sends_only_the_given_fields(manager):
    created = manager.create('api-fault', path='/servers', status=503, count=None, method='GET')
    assert manager.client.calls == [('post', '/_sim/behaviours', {'behaviour': {
        'kind': 'api-fault', 'path': '/servers', 'status': 503, 'method': 'GET'}})]
    assert created.id == 'b-1'


def test_create_refuses_unknown_fields(manager):
    with pytest.raises(TypeError):
        manager.create('build-fail', colour='red')
    assert manager.client.calls == []


def test_list_show_delete_and_clear(manager):
    assert [b.id for b in manager.list()] == ['b-1']
    assert manager.get('b-1').kind == 'api-fault'
    manager.delete('b-1')
    manager.delete_all()
    assert [(m, u) for m, u, _ in manager.client.calls] == [
        ('get', '/_sim/behaviours'), ('get', '/_sim/behaviours/b-1'),
        ('delete', '/_sim/behaviours/b-1'), ('delete', '/_sim/behaviours')]
