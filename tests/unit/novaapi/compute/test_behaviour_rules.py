"""Which behaviours match which operation of which server, and which request."""

import types

import pytest

from novaapi.compute import behaviour_rules as rules


def _row(kind='build-fail', **values):
    fields = dict.fromkeys(('project_id', 'name', 'flavor', 'image', 'host', 'action', 'method',
                            'path'))
    fields.update(values)
    return types.SimpleNamespace(kind=kind, **fields)


SERVER = types.SimpleNamespace(uuid='u-1', project_id='p1', display_name='web-01', flavorid='1',
                               flavor_name='m1.tiny', image_ref='img-1', host='compute1')


def test_a_build_behaviour_without_matchers_matches_every_build_and_nothing_else():
    assert rules.matches_server(_row(), SERVER, 'build')
    assert not rules.matches_server(_row(), SERVER, 'stop')


@pytest.mark.parametrize('matcher, good, bad', [
    ('project_id', 'p1', 'p2'),
    ('name', 'web-*', 'db-*'),
    ('name', 'web-0?', 'web-1?'),
    ('flavor', '1', '2'),
    ('flavor', 'm1.tiny', 'm1.small'),
    ('image', 'img-1', 'img-2'),
    ('host', 'compute1', 'compute2'),
])
def test_each_matcher_narrows(matcher, good, bad):
    assert rules.matches_server(_row(**{matcher: good}), SERVER, 'build')
    assert not rules.matches_server(_row(**{matcher: bad}), SERVER, 'build')


def test_all_matchers_must_hold():
    row = _row(project_id='p1', name='web-*', flavor='m1.tiny', host='compute2')
    assert not rules.matches_server(row, SERVER, 'build')
    assert rules.matches_server(row, SERVER, 'build', host='compute2')


def test_name_patterns_are_case_sensitive_shell_patterns():
    assert not rules.matches_server(_row(name='WEB-*'), SERVER, 'build')
    assert rules.matches_server(_row(name='*-01'), SERVER, 'build')


@pytest.mark.parametrize('action, op, expected', [
    ('stop', 'stop', True), ('stop', 'start', False), ('reboot', 'reboot_hard', True),
    ('migrate', 'resize', True), ('delete', 'soft_delete', True),
    ('live-migrate', 'live_migrate', True), ('delete', 'build', False),
])
def test_action_behaviours_match_their_operations(action, op, expected):
    for kind in rules.ACTION_KINDS:
        assert rules.matches_server(_row(kind, action=action), SERVER, op) is expected


def test_host_down_and_api_faults_never_match_a_server_operation():
    assert not rules.matches_server(_row('host-down', host='compute1'), SERVER, 'build')
    assert not rules.matches_server(_row('api-fault', path='/servers'), SERVER, 'build')


@pytest.mark.parametrize('path, expected', [
    ('/servers', '/servers'),
    ('/v2.1/servers/detail', '/servers/detail'),
    ('/0123456789abcdef0123456789abcdef/servers', '/servers'),
    ('/v2.1/0123456789abcdef0123456789abcdef', '/'),
    ('/flavors/0123456789abcdef0123456789abcdef', '/flavors/0123456789abcdef0123456789abcdef'),
])
def test_request_path_drops_the_version_and_project(path, expected):
    assert rules.request_path(path) == expected


@pytest.mark.parametrize('method, pattern, req_method, req_path, expected', [
    ('*', '/servers*', 'GET', '/servers/detail', True),
    ('GET', '/servers*', 'POST', '/servers', False),
    ('POST', '/servers/*/action', 'POST', '/servers/abc/action', True),
    ('POST', '/servers/*/action', 'POST', '/servers', False),
    (None, '/flavors', 'GET', '/flavors/detail', False),
])
def test_request_matching(method, pattern, req_method, req_path, expected):
    row = _row('api-fault', method=method, path=pattern)
    assert rules.matches_request(row, req_method, req_path) is expected


def test_request_matching_by_project():
    row = _row('api-fault', method='*', path='/*', project_id='p1')
    assert rules.matches_request(row, 'GET', '/servers', 'p1')
    assert not rules.matches_request(row, 'GET', '/servers', 'p2')
    assert not rules.matches_request(row, 'GET', '/servers', None)


def test_effect_fills_the_server_into_the_default_message():
    row = types.SimpleNamespace(uuid='b-1', kind='build-fail', action=None, status=None,
                                message=None, delay=None)
    found = rules.effect(row, SERVER)
    assert found['status'] == 500 and 'u-1' in found['message'] and '%(' not in found['message']
