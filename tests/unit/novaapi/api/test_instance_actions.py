"""Instance actions: the records the compute API writes, shaped per microversion and policy."""

import pytest

from tests.conftest import sample

FOLDERS = {'2.1': '', '2.21': 'v2.21/', '2.51': 'v2.51/', '2.58': 'v2.58/', '2.62': 'v2.62/',
           '2.66': 'v2.66/', '2.84': 'v2.84/'}


def _stopped_server(servers):
    uuid = servers.boot()
    assert servers.action(uuid, {'os-stop': None}).status_int == 202
    servers.settle()
    return uuid


@pytest.mark.parametrize('version', sorted(FOLDERS))
def test_keys_match_samples(servers, version):
    uuid = _stopped_server(servers)
    folder = 'os-instance-actions/' + FOLDERS[version]
    listed = servers.sub('GET', uuid, 'os-instance-actions', version=version).json_body_or_none
    want = sample(folder + 'instance-actions-list-resp.json')['instanceActions']
    assert [a['action'] for a in listed['instanceActions']] == [a['action'] for a in want]
    assert [sorted(a) for a in listed['instanceActions']] == [sorted(a) for a in want]
    request_id = listed['instanceActions'][0]['request_id']
    for admin, name in ((True, 'instance-action-get-resp.json'),
                        (False, 'instance-action-get-non-admin-resp.json')):
        shown = servers.sub('GET', uuid, 'os-instance-actions/' + request_id, version=version,
                            admin=admin).json_body_or_none['instanceAction']
        if not admin and version < '2.51':
            assert 'events' not in shown
            continue
        want = sample(folder + name)['instanceAction']
        assert sorted(shown) == sorted(want)
        assert [sorted(e) for e in shown['events']] == [sorted(e) for e in want['events']]
        assert shown['events'][0]['event'] == 'compute_stop_instance'
        assert shown['events'][0]['result'] == 'Success'


def test_non_admin_before_2_51_sees_no_events(servers):
    uuid = _stopped_server(servers)
    actions = servers.sub('GET', uuid, 'os-instance-actions').json_body_or_none['instanceActions']
    shown = servers.sub('GET', uuid, 'os-instance-actions/' + actions[0]['request_id'],
                        version='2.50').json_body_or_none['instanceAction']
    assert 'events' not in shown
    assert shown['action'] == 'stop' and shown['user_id'] and shown['start_time']


def test_paging_and_filters(servers):
    uuid = _stopped_server(servers)
    assert servers.action(uuid, {'os-start': None}).status_int == 202
    servers.settle()
    full = servers.sub('GET', uuid, 'os-instance-actions', version='2.58').json_body_or_none
    assert [a['action'] for a in full['instanceActions']] == ['start', 'stop', 'create']
    assert 'links' not in full
    page = servers.sub('GET', uuid, 'os-instance-actions?limit=1', version='2.58').json_body_or_none
    assert len(page['instanceActions']) == 1
    marker = page['instanceActions'][0]['request_id']
    assert page['links'][0]['rel'] == 'next'
    assert page['links'][0]['href'].endswith(
        '/v2.1/servers/%s/os-instance-actions?limit=1&marker=%s' % (uuid, marker))
    rest = servers.sub('GET', uuid, 'os-instance-actions?marker=' + marker,
                       version='2.58').json_body_or_none
    assert [a['action'] for a in rest['instanceActions']] == ['stop', 'create']
    resp = servers.sub('GET', uuid, 'os-instance-actions?marker=req-nope', version='2.58')
    assert resp.status_int == 400
    assert resp.json_body_or_none['badRequest']['message'] == 'Marker None could not be found.'
    since = full['instanceActions'][0]['updated_at']
    recent = servers.sub('GET', uuid, 'os-instance-actions?changes-since=' + since,
                         version='2.58').json_body_or_none['instanceActions']
    assert [a['action'] for a in recent] == ['start']
    resp = servers.sub('GET', uuid, 'os-instance-actions?changes-before=' + since, version='2.58')
    assert resp.status_int == 400
    resp = servers.sub('GET', uuid, 'os-instance-actions?changes-since=2030-01-01T00:00:00Z&'
                       'changes-before=2020-01-01T00:00:00Z', version='2.66')
    assert resp.status_int == 400
    assert resp.json_body_or_none['badRequest']['message'] == (
        'The value of changes-since must be less than or equal to changes-before.')
    resp = servers.sub('GET', uuid, 'os-instance-actions?changes-since=yesterday', version='2.66')
    assert resp.status_int == 400
    assert servers.sub('GET', uuid, 'os-instance-actions?foo=1', version='2.57').status_int == 200


def test_unknown_action_and_deleted_server(servers):
    uuid = servers.boot()
    resp = servers.sub('GET', uuid, 'os-instance-actions/req-nope')
    assert resp.status_int == 404
    assert resp.json_body_or_none['itemNotFound']['message'] == 'Action req-nope not found'
    assert servers.call('DELETE', '/servers/' + uuid).status_int == 204
    servers.settle()
    assert servers.sub('GET', uuid, 'os-instance-actions', version='2.20').status_int == 404
    actions = servers.sub('GET', uuid, 'os-instance-actions', version='2.21').json_body_or_none
    assert [a['action'] for a in actions['instanceActions']] == ['delete', 'create']
