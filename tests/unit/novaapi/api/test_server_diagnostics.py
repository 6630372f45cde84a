"""Server diagnostics per microversion against Nova's samples."""

import pytest

from tests.conftest import sample


def _msg(resp):
    return next(iter(resp.json_body_or_none.values()))['message']


@pytest.mark.parametrize('version,name', [('2.1', 'server-diagnostics-get-resp.json'),
                                          ('2.48', 'v2.48/server-diagnostics-get-resp.json')])
def test_diagnostics(servers, version, name):
    uuid = servers.boot()
    resp = servers.sub('GET', uuid, 'diagnostics', version=version)
    assert resp.status_int == 403
    resp = servers.sub('GET', uuid, 'diagnostics', version=version, admin=True)
    want = sample('os-server-diagnostics/' + name)
    assert sorted(resp.json_body_or_none) == sorted(want)
    servers.set_instance(uuid, power_state=4)
    resp = servers.sub('GET', uuid, 'diagnostics', version=version, admin=True)
    assert resp.status_int == 409
    assert _msg(resp) == ("Cannot 'get_diagnostics' instance %s while it is in power state "
                          "shutdown" % uuid)
    servers.set_instance(uuid, host=None)
    resp = servers.sub('GET', uuid, 'diagnostics', version=version, admin=True)
    assert resp.status_int == 409 and _msg(resp) == 'Instance %s is not ready' % uuid
