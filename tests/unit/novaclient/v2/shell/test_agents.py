"""agent-* commands: the warning, the HTTP calls and the 410 they meet."""

import pytest

from tests.unit.novaclient import fixture_data

GONE = {'computeFault': {'code': 410, 'message': 'This resource is no longer available. '
                                                 'No forwarding address is given.'}}
WARNING = ('This command has been deprecated since 23.0.0 Wallaby Release and will be removed '
           'in the first major release after the Nova server 24.0.0 X release.\n')


@pytest.mark.parametrize('command, method, path, body', [
    ('agent-list', 'GET', '/os-agents', None),
    ('agent-list --hypervisor xen', 'GET', '/os-agents?hypervisor=xen', None),
    ('agent-create linux x86 1.0 http://u md5 xen', 'POST', '/os-agents',
     {'agent': {'hypervisor': 'xen', 'os': 'linux', 'architecture': 'x86', 'version': '1.0',
                'url': 'http://u', 'md5hash': 'md5'}}),
    ('agent-modify 7 2.0 http://v md6', 'PUT', '/os-agents/7',
     {'para': {'version': '2.0', 'url': 'http://v', 'md5hash': 'md6'}}),
    ('agent-delete 7', 'DELETE', '/os-agents/7', None)])
def test_agent_commands_meet_410(nova, command, method, path, body):
    import re
    nova.m.register_uri(method, re.compile(re.escape(fixture_data.url('/os-agents')) + '.*'),
                        status_code=410, json=GONE, headers=fixture_data.HEADERS)
    result = nova.run_result(command)
    nova.assert_called(method, path, body)
    assert (result.code, result.out) == (1, '')
    assert result.err == WARNING + (
        'ERROR (ClientException): This resource is no longer available. No forwarding address '
        'is given. (HTTP 410) (Request-ID: %s)\n' % fixture_data.REQUEST_ID)


def test_help_lists_the_agent_commands(nova):
    helped = nova('help')
    for name in ('agent-create', 'agent-delete', 'agent-list', 'agent-modify'):
        assert '\n    %s ' % name in helped
    assert nova('help agent-create').startswith(
        'usage: nova agent-create <os> <architecture> <version> <url> <md5hash>\n'
        '                         <hypervisor>\n')
