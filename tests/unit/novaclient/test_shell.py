"""The nova program itself: help, version, errors, exit codes, auth plugins, the program's exit."""

import pathlib
import subprocess
import sys

import pytest

from novaclient import shell

# NOTE: child interpreters start at the checkout's root: started in tests/unit, their
# ``import novaclient`` would find tests/unit/novaclient before an editable install.
ROOT = pathlib.Path(__file__).resolve().parents[3]


def test_version_prints_and_exits_0(nova, capsys):
    result = nova.run_result('--version')
    assert result.code == 0
    assert result.out == '0.1.0\n'
    assert nova.m.request_history == []


def test_help_makes_no_http_call(nova):
    out = nova('help')
    assert out.startswith('usage: nova [--version] [--debug] [--os-cache]')
    assert '    flavor-list ' in out
    assert out.rstrip().endswith(
        'See "nova help COMMAND" for help on a specific command.')
    assert nova.m.request_history == []


def test_no_arguments_prints_help(nova):
    assert nova('').startswith('usage: nova')


def test_help_command_usage_line(nova):
    assert '[--name <name>]' in nova('help flavor-list')   # 2.102
    out = nova('--os-compute-api-version 2.96 help flavor-list')
    assert out.splitlines()[:4] == [
        'usage: nova flavor-list [--extra-specs] [--all] [--marker <marker>]',
        '                        [--min-disk <min-disk>] [--min-ram <min-ram>]',
        '                        [--limit <limit>] [--sort-key <sort-key>]',
        '                        [--sort-dir <sort-dir>]']


def test_help_versioned_command_has_hint(nova):
    out = nova('help')
    assert ("flavor-update               Change the description of a flavor. "
            "(Supported\n") in out


def test_help_of_unknown_command(nova):
    result = nova.run_result('help bogus')
    assert (result.code, result.err) == (
        1, "ERROR (CommandError): 'bogus' is not a valid subcommand\n")


def test_unknown_command_is_usage_error(nova):
    result = nova.run_result('bogus')
    assert result.code == 2
    assert result.err.endswith(
        "error: argument <subcommand>: invalid choice: 'bogus'\n"
        "Try 'nova help ' for more information.\n")


def test_missing_argument_is_usage_error(nova):
    result = nova.run_result('flavor-show')
    assert result.code == 2
    assert result.err.endswith(
        'error: the following arguments are required: <flavor>\n'
        "Try 'nova help flavor-show' for more information.\n")


def test_bash_completion(nova):
    out = nova('bash-completion')
    words = out.split()
    assert 'flavor-list' in words and '--extra-specs' in words
    assert 'bash-completion' not in words and 'help' in words
    assert nova.m.request_history == []


@pytest.mark.parametrize('missing,message', [
    ('OS_USERNAME', 'You must provide a user name/id (via --os-username, '
                    '--os-user-id, env[OS_USERNAME] or env[OS_USER_ID]) or an '
                    'auth token (via --os-token).'),
    ('OS_PROJECT_NAME', 'You must provide a project name or project ID via '
                        '--os-project-name, --os-project-id, '
                        'env[OS_PROJECT_ID] or env[OS_PROJECT_NAME]. You may '
                        'use os-project and os-tenant interchangeably.'),
    ('OS_AUTH_URL', 'You must provide an auth url via either --os-auth-url '
                    'or env[OS_AUTH_URL].'),
])
def test_missing_credentials(nova, missing, message):
    nova.env(**{missing: None})
    result = nova.run_result('flavor-list')
    assert (result.code, result.err) == (1, 'ERROR (CommandError): %s\n'
                                         % message)


def test_auth_and_discovery_calls(nova):
    nova('flavor-list')
    history = [(r.method, r.url) for r in nova.m.request_history]
    assert history == [('POST', 'http://keystone/v3/auth/tokens'),
                       ('GET', 'http://nova/v2.1'),
                       ('GET', 'http://nova/v2.1/flavors/detail')]
    auth = nova.m.request_history[0].json()['auth']
    assert auth['identity']['password']['user'] == {
        'name': 'demo', 'password': 's3cret', 'domain': {'id': 'default'}}
    headers = nova.last_headers()
    assert headers['X-OpenStack-Nova-API-Version'] == '2.104'
    assert headers['OpenStack-API-Version'] == 'compute 2.104'
    assert headers['X-Auth-Token'] == 'tok-0123456789abcdef'


def test_latest_is_capped_by_server(nova):
    from tests.unit.novaclient import fixture_data
    nova.m.get(fixture_data.COMPUTE_URL,
               json=fixture_data.version_doc('2.60'))
    nova('flavor-list')
    assert nova.last_headers()['OpenStack-API-Version'] == 'compute 2.60'


def test_explicit_version_outside_server_range(nova):
    from tests.unit.novaclient import fixture_data
    nova.m.get(fixture_data.COMPUTE_URL,
               json=fixture_data.version_doc('2.60'))
    result = nova.run_result('--os-compute-api-version 2.70 flavor-list')
    assert result.err == ("ERROR (UnsupportedVersion): The specified version "
                          "isn't supported by server. The valid version range "
                          "is '2.1' to '2.60'\n")


def test_version_outside_client_range(nova):
    result = nova.run_result('--os-compute-api-version 2.200 flavor-list')
    assert result.err == ("ERROR (CommandError): The specified version isn't "
                          "supported by client. The valid version range is "
                          "'2.1' to '2.104'\n")


def test_bad_major_version(nova):
    result = nova.run_result('--os-compute-api-version 3 flavor-list')
    assert result.err == ("ERROR (UnsupportedVersion): Invalid client version "
                          "'3.0'. Major part should be '2'\n")


def test_env_compute_api_version(nova):
    nova.env(OS_COMPUTE_API_VERSION='2.30')
    nova('flavor-list')
    assert nova.last_headers()['OpenStack-API-Version'] == 'compute 2.30'


def test_http_error_line(nova):
    from tests.unit.novaclient import fixture_data
    nova.m.get(fixture_data.url('/flavors/detail'), status_code=404,
               headers=fixture_data.HEADERS, json={'itemNotFound': {
                   'code': 404, 'message': 'The resource could not be found.'}})
    result = nova.run_result('flavor-list')
    assert (result.code, result.err) == (1, (
        'ERROR (NotFound): The resource could not be found. (HTTP 404) '
        '(Request-ID: req-11111111-2222-3333-4444-555555555555)\n'))


def test_ctrl_c_exits_130(nova, monkeypatch):
    def interrupt(*args):
        raise KeyboardInterrupt()
    monkeypatch.setattr(shell.OpenStackComputeShell, 'main', interrupt)
    result = nova.run_result('flavor-list')
    assert (result.code, result.err) == (130, '... terminating nova client\n')


def _timing_rows(out):
    """First cells of the --timings table (the last table printed)."""
    table = out[out.rindex('| url '):]
    return [line.split('|')[1].strip() for line in table.splitlines()
            if line.startswith('|')]


def test_timings(nova):
    # As python-novaclient: the auth set-up, then the command's calls (the
    # version discovery belongs to another client there, so it is left out).
    rows = _timing_rows(nova('--timings flavor-list'))
    assert rows == ['url', 'auth_url http://keystone/v3', 'GET /flavors/detail',
                    'Total']


def test_timings_with_token_and_endpoint_have_no_auth_row(nova):
    nova.env(OS_USERNAME=None, OS_AUTH_URL=None)
    out = nova('--timings --os-token abc --os-endpoint-override '
               'http://nova/v2.1 flavor-list')
    assert _timing_rows(out) == ['url', 'GET /flavors/detail', 'Total']


def test_debug_hides_secrets(nova):
    result = nova.run_result('--debug flavor-list')
    assert result.code == 0
    assert 'REQ: curl -g -i -X GET http://nova/v2.1/flavors/detail' in \
        result.err
    assert '{SHA256}' in result.err
    assert 's3cret' not in result.err
    assert 'tok-0123456789abcdef' not in result.err


def test_token_with_endpoint_override_skips_keystone(nova):
    nova.env(OS_USERNAME=None, OS_AUTH_URL=None)
    nova('--os-token abc --os-endpoint-override http://nova/v2.1 flavor-list')
    assert [r.url for r in nova.m.request_history] == [
        'http://nova/v2.1', 'http://nova/v2.1/flavors/detail']
    assert nova.last_headers()['X-Auth-Token'] == 'abc'


def test_version_and_help_do_not_import_keystoneauth():
    import subprocess
    code = ('import sys; from novaclient import shell; shell.main(%r); '
            'bad = [m for m in sys.modules if m.split(".")[0] in '
            '("keystoneauth1", "requests", "prettytable", "oslo_utils")]; '
            'print(bad)')
    for argv in (['--version'], ['help'], ['help', 'flavor-list']):
        out = subprocess.run([sys.executable, '-c', code % (argv,)],
                             capture_output=True, text=True, cwd=ROOT).stdout
        assert out.splitlines()[-1] == '[]', (argv, out[-300:])


# Auth plugins that keystoneauth describes (not password/token): as novaclient behaves.

def test_none_plugin_keeps_env_credentials_and_needs_an_endpoint(nova):
    # The 'none' plugin declares no --os-username, yet OS_USERNAME still
    # satisfies the credentials check; with no catalog there is no endpoint.
    result = nova.run_result('--os-auth-type none flavor-list')
    assert (result.code, result.out) == (1, '')
    assert result.err == ('ERROR (EndpointNotFound): Could not find requested '
                          'endpoint in Service Catalog.\n')
    assert nova.m.request_history == []


def test_none_plugin_without_user_is_refused(nova):
    nova.env(OS_USERNAME=None)
    result = nova.run_result('--os-auth-type none flavor-list')
    assert result.code == 1
    assert result.err.startswith('ERROR (CommandError): You must provide a user name/id')


def test_none_plugin_with_endpoint_override_calls_compute(nova):
    nova('--os-auth-type none --os-endpoint-override http://nova/v2.1 flavor-list')
    assert [r.url for r in nova.m.request_history] == [
        'http://nova/v2.1', 'http://nova/v2.1/flavors/detail']
    assert nova.last_headers()['X-Auth-Token'] == 'notused'  # keystoneauth's NoAuth


def test_no_password_still_asks_with_an_empty_one(nova):
    # python-novaclient sends '' (its env lookup's default); the identity
    # service answers 401. It used to be a TypeError here.
    nova.env(OS_PASSWORD=None)
    nova('flavor-list')
    auth = nova.m.request_history[0].json()['auth']
    assert auth['identity']['password']['user']['password'] == ''


# ``nova`` run as a program: output flushed and exit status kept despite the fast exit.

PROGRAM = ('import sys; sys.argv = ["nova"] + %r; '
           'from novaclient import shell; shell.main(); print("not reached")')


def run_program(argv, env=None):
    return subprocess.run([sys.executable, '-c', PROGRAM % (argv,)], capture_output=True,
                          text=True, env=env, timeout=60, cwd=ROOT)


def test_version_is_flushed_and_exits_0():
    import novaclient
    proc = run_program(['--version'])
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, novaclient.__version__ + '\n', '')


def test_help_output_is_complete():
    proc = run_program(['help'])
    assert proc.returncode == 0
    assert proc.stdout.endswith('See "nova help COMMAND" for help on a specific command.\n')


def test_error_status_and_line_survive():
    proc = run_program(['help', 'nosuch'])
    assert proc.returncode == 1 and proc.stdout == ''
    assert proc.stderr == "ERROR (CommandError): 'nosuch' is not a valid subcommand\n"


def test_usage_error_exits_2():
    proc = run_program(['--os-compute-api-version'])
    assert proc.returncode == 2
    assert proc.stderr.endswith("error: argument --os-compute-api-version: expected one argument\n"
                                "Try 'nova help ' for more information.\n")


def test_in_process_main_returns_and_keeps_the_collector(capsys):
    import gc
    from novaclient import shell
    assert shell.main(['--version']) == 0
    assert gc.isenabled()
    assert capsys.readouterr().out.strip()


def test_program_mode_skips_netaddr(monkeypatch):
    import gc
    from novaclient import shell
    monkeypatch.setattr(sys, 'argv', ['nova', '--version'])
    monkeypatch.setattr(shell, '_run', lambda argv: 0)
    exits = []
    monkeypatch.setattr(shell, '_flush_and_exit', exits.append)
    saved = sys.modules.pop('netaddr', None)
    try:
        shell.main()
        assert exits == [0] and sys.modules['netaddr'] is None
    finally:
        gc.enable()
        sys.modules.pop('netaddr', None)
        if saved is not None:
            sys.modules['netaddr'] = saved
