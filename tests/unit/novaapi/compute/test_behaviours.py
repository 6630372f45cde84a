"""Behaviours armed through /v2.1/_sim/behaviours fire as armed, count down exactly, and clear."""

import datetime

import pytest
import sqlalchemy as sa

from novaapi.compute import models
from novaapi.compute import services
from novaapi.db import base
from novaapi.db import engine

NO_VALID_HOST = 'No valid host was found. There are not enough hosts available.'


def arm(servers, **spec):
    resp = servers.call('POST', '/_sim/behaviours', {'behaviour': spec}, admin=True)
    assert resp.status_int == 201, resp.body
    return resp.json_body_or_none['behaviour']


def show(servers, behaviour_id):
    return servers.call('GET', '/_sim/behaviours/' + behaviour_id, admin=True).json_body_or_none


def disarm(servers, behaviour_id):
    assert servers.call('DELETE', '/_sim/behaviours/' + behaviour_id, admin=True).status_int == 204


def row(uuid):
    with engine.transaction() as sess:
        return sess.scalars(sa.select(models.Instance).where(models.Instance.uuid == uuid)).one()


def test_build_fail_fires_count_times_then_stops(servers):
    armed = arm(servers, kind='build-fail', status=503, message='disk on fire', count=1,
                name='web-*')
    other = servers.get(servers.boot(name='db-1'))
    failed = servers.get(servers.boot(name='web-1'))
    fine = servers.get(servers.boot(name='web-2'))
    assert other['status'] == 'ACTIVE' and fine['status'] == 'ACTIVE'
    assert failed['status'] == 'ERROR'
    assert (failed['fault']['code'], failed['fault']['message']) == (503, 'disk on fire')
    shown = show(servers, armed['id'])['behaviour']
    assert (shown['count'], shown['remaining'], shown['fired']) == (1, 0, 1)


def test_no_valid_host_reads_like_the_schedulers(servers):
    arm(servers, kind='no-valid-host', flavor='m1.tiny')
    server = servers.get(servers.boot(), admin=True)
    assert server['status'] == 'ERROR' and server['fault']['message'] == NO_VALID_HOST
    assert server['OS-EXT-SRV-ATTR:host'] is None
    assert servers.get(servers.boot(flavorRef='2'))['status'] == 'ACTIVE'


def test_stuck_build_waits_spawning_until_deleted(servers):
    armed = arm(servers, kind='build-stuck')
    uuid = servers.boot()
    server = servers.get(uuid)
    assert (server['status'], server['OS-EXT-STS:task_state']) == ('BUILD', 'spawning')
    disarm(servers, armed['id'])
    servers.settle()
    assert servers.get(uuid)['status'] == 'ACTIVE'


def test_slow_build_is_due_after_its_delay(servers):
    arm(servers, kind='build-slow', delay=600, count=1)
    before = base.utcnow()
    uuid = servers.boot()
    instance = row(uuid)
    assert instance.task_state == 'spawning'
    assert instance.step_at >= before + datetime.timedelta(seconds=599)
    assert servers.get(servers.boot())['status'] == 'ACTIVE'


def test_action_fail_keeps_a_power_action_state_and_records_the_fault(servers):
    uuid = servers.boot()
    arm(servers, kind='action-fail', action='stop', message='guest refused', count=1)
    assert servers.action(uuid, {'os-stop': None}).status_int == 202
    servers.settle()
    server = servers.get(uuid)
    assert (server['status'], server['OS-EXT-STS:task_state']) == ('ACTIVE', None)
    with engine.transaction() as sess:
        fault = sess.scalars(sa.select(models.InstanceFault).where(
            models.InstanceFault.instance_uuid == uuid)).one()
        events = sess.scalars(sa.select(models.InstanceActionEvent.result)).all()
    assert (fault.code, fault.message) == (500, 'guest refused')
    assert 'Error' in events
    assert servers.action(uuid, {'os-stop': None}).status_int == 202
    servers.settle()
    assert servers.get(uuid)['status'] == 'SHUTOFF'


def test_action_fail_of_a_migration_puts_the_server_in_error(servers):
    uuid = servers.boot()
    arm(servers, kind='action-fail', action='migrate')
    assert servers.action(uuid, {'migrate': None}, admin=True).status_int == 202
    servers.settle()
    assert servers.get(uuid)['status'] == 'ERROR'


def test_action_hang_holds_the_task_state_until_deleted(servers):
    uuid = servers.boot()
    armed = arm(servers, kind='action-hang', action='stop')
    servers.action(uuid, {'os-stop': None})
    servers.settle()
    assert servers.get(uuid)['OS-EXT-STS:task_state'] == 'powering-off'
    disarm(servers, armed['id'])
    servers.settle()
    assert servers.get(uuid)['status'] == 'SHUTOFF'


def test_host_down_stops_the_heartbeat_and_the_scheduler_avoids_it(servers):
    armed = arm(servers, kind='host-down', host='compute1')

    def states():
        found = servers.call('GET', '/os-services?binary=nova-compute', admin=True)
        return {s['host']: s['state'] for s in found.json_body_or_none['services']}
    assert states() == {'compute1': 'down', 'compute2': 'up'}
    with engine.transaction() as sess:
        services.beat(sess)
    assert states() == {'compute1': 'down', 'compute2': 'up'}
    hosts = {servers.get(servers.boot(), admin=True)['OS-EXT-SRV-ATTR:host'] for _ in range(3)}
    assert hosts == {'compute2'}
    disarm(servers, armed['id'])
    assert states() == {'compute1': 'up', 'compute2': 'up'}


def test_a_server_on_a_host_that_went_down_can_be_evacuated(servers):
    uuid = servers.boot()
    host = servers.get(uuid, admin=True)['OS-EXT-SRV-ATTR:host']
    body = {'evacuate': {}}
    assert servers.action(uuid, body, admin=True).status_int == 400
    arm(servers, kind='host-down', host=host)
    assert servers.action(uuid, body, admin=True).status_int == 200
    servers.settle()
    server = servers.get(uuid, admin=True)
    # from 2.95 an evacuated server arrives stopped
    assert server['status'] == 'SHUTOFF' and server['OS-EXT-SRV-ATTR:host'] != host
    assert servers.call('DELETE', '/_sim/behaviours', admin=True).status_int == 204


def test_api_fault_answers_exactly_count_requests(servers):
    arm(servers, kind='api-fault', method='GET', path='/servers/detail', status=503, count=2,
        delay=0)
    codes = [servers.call('GET', '/servers/detail').status_int for _ in range(4)]
    assert codes == [503, 503, 200, 200]
    assert servers.call('GET', '/servers').status_int == 200


def test_api_fault_never_touches_the_control_api(servers):
    arm(servers, kind='api-fault', path='/*', status=500)
    assert servers.call('GET', '/flavors').status_int == 500
    assert servers.call('GET', '/_sim/behaviours', admin=True).status_int == 200
    assert servers.call('DELETE', '/_sim/behaviours', admin=True).status_int == 204
    assert servers.call('GET', '/flavors').status_int == 200


def test_only_admins_use_the_control_api(servers):
    resp = servers.call('POST', '/_sim/behaviours', {'behaviour': {'kind': 'build-stuck'}})
    assert resp.status_int == 403
    assert servers.call('GET', '/_sim/behaviours').status_int == 403


@pytest.mark.parametrize('spec, words', [
    ({'kind': 'action-fail'}, 'action-fail needs action'),
    ({'kind': 'action-hang', 'action': 'teleport'}, 'Unknown action teleport'),
    ({'kind': 'host-down'}, 'host-down needs host'),
    ({'kind': 'host-down', 'host': 'nowhere'}, 'Compute host nowhere could not be found'),
    ({'kind': 'host-down', 'host': 'compute1', 'count': 2}, 'host-down does not take count'),
    ({'kind': 'api-fault', 'path': '/servers'}, 'needs a status, a delay or both'),
    ({'kind': 'api-fault', 'status': 503}, 'api-fault needs path'),
    ({'kind': 'api-fault', 'path': '/x', 'status': 503, 'name': 'a'}, 'does not take name'),
    ({'kind': 'build-slow'}, 'build-slow needs delay'),
    ({'kind': 'build-stuck', 'status': 500}, 'does not take status'),
    ({'kind': 'explode'}, 'Invalid input'),
    ({'kind': 'build-fail', 'count': 0}, 'Invalid input'),
    ({'kind': 'api-fault', 'path': '/x', 'status': 200}, 'Invalid input'),
])
def test_bad_behaviours_are_400_and_leave_nothing(servers, spec, words):
    resp = servers.call('POST', '/_sim/behaviours', {'behaviour': spec}, admin=True)
    assert resp.status_int == 400, resp.body
    assert words in resp.json_body_or_none['badRequest']['message']
    assert servers.call('GET', '/_sim/behaviours', admin=True).json_body_or_none == {
        'behaviours': []}


def test_unknown_behaviour_is_404(servers):
    resp = servers.call('DELETE', '/_sim/behaviours/nope', admin=True)
    assert resp.status_int == 404
    assert resp.json_body_or_none['itemNotFound']['message'] == 'Behaviour nope could not be found.'
