"""Server external events against Nova's samples."""

import uuid

from tests.conftest import sample


def test_external_events(op):
    server = op.boot()
    missing = str(uuid.uuid4())
    body = {'events': [{'name': 'network-changed', 'server_uuid': server, 'tag': 'foo'}]}
    got = op.ok('POST', '/os-server-external-events', body)
    assert got == {'events': [{'name': 'network-changed', 'server_uuid': server, 'tag': 'foo',
                               'status': 'completed', 'code': 200}]}
    assert set(got['events'][0]) == set(sample('os-server-external-events/event-create-resp.json')['events'][0])
    body = {'events': [{'name': 'network-vif-plugged', 'server_uuid': missing},
                       {'name': 'power-update', 'server_uuid': server}]}
    resp = op.call('POST', '/os-server-external-events', body, version='2.76')
    assert resp.status_int == 207
    assert [(e['status'], e['code']) for e in resp.data['events']] == [('failed', 404), ('failed', 400)]
    assert op.call('POST', '/os-server-external-events', body, version='2.75').status_int == 400
    off = {'events': [{'name': 'power-update', 'server_uuid': server, 'tag': 'POWER_OFF'}]}
    assert op.call('POST', '/os-server-external-events', off, version='2.76').status_int == 200
    shown = op.ok('GET', '/servers/' + server)['server']
    assert (shown['status'], shown['OS-EXT-STS:power_state']) == ('SHUTOFF', 4)
    assert op.call('POST', '/os-server-external-events', off, version='2.76', demo=True).status_int == 403
