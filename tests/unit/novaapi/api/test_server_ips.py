"""Server addresses against Nova's samples and messages."""

from tests.conftest import sample


def _msg(resp):
    return next(iter(resp.json_body_or_none.values()))['message']


def test_ips_index_and_show(servers):
    uuid = servers.boot()
    resp = servers.sub('GET', uuid, 'ips')
    assert resp.status_int == 200
    addresses = resp.json_body_or_none['addresses']
    assert list(addresses) == ['private']
    want = sample('server-ips/server-ips-resp.json')['addresses']['private'][0]
    assert sorted(addresses['private'][0]) == sorted(want)
    assert addresses['private'][0]['version'] == 4
    shown = servers.sub('GET', uuid, 'ips/private').json_body_or_none
    assert shown == {'private': addresses['private']}
    resp = servers.sub('GET', uuid, 'ips/public')
    assert resp.status_int == 404 and _msg(resp) == 'Instance is not a member of specified network'
    assert servers.sub('GET', uuid, 'ips?foo=1', version='2.101').status_int == 200
    assert servers.sub('GET', uuid, 'ips?foo=1', version='2.102').status_int == 400
