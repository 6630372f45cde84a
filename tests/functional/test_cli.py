"""The installed ``nova`` command, run the way a user runs it, against the real nova-api.

Each test starts the console script next to this interpreter with an
admin-openrc environment and reads its stdout, stderr and exit status.
"""

import os
import re
import socket
import subprocess
import sys
import threading
import uuid

import pytest

from tests.functional import server as server_mod

pytestmark = pytest.mark.functional

NOVA = os.path.join(os.path.dirname(sys.executable), 'nova')
CONFIG = '[compute]\nbuild_time = 0.2\naction_time = 0.1\n'
PUBLIC_KEY = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8rVRw5WRsb3bXjLcUuOBIrkjtRr7R3z9Hh0q5pbUnW '
              'cli@example')


@pytest.fixture(scope='module')
def srv(tmp_path_factory):
    api = server_mod.start_api(tmp_path_factory.mktemp('nova-cli'), config_text=CONFIG)
    yield api
    api.stop()


@pytest.fixture(scope='module')
def env(srv):
    return dict(srv.env(), COLUMNS='80')


@pytest.fixture(scope='module')
def servers_api(srv):
    """The nova-api under test; its servers API must answer (a 404 is a failure, not a skip)."""
    status = srv.compute('GET', '/servers', token=srv.token()).status_code
    assert status != 404, 'nova-api has no servers API'
    return srv


def nova(env, *args, code=0, stdin=None):
    proc = subprocess.run([NOVA] + list(args), env=env, capture_output=True, text=True,
                          timeout=120, input=stdin)
    assert proc.returncode == code, 'nova %s -> %d\n%s\n%s' % (
        ' '.join(args), proc.returncode, proc.stdout, proc.stderr)
    return proc


def rows(text):
    """Cells of a prettytable, header row first."""
    return [[cell.strip() for cell in line[1:-1].split('|')]
            for line in text.splitlines() if line.startswith('|')]


def props(text):
    """A Property/Value table as a dict (continuation rows dropped)."""
    return {row[0]: row[1] for row in rows(text)[1:] if row[0]}


def unique(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:8])


# -- no HTTP for local commands ---------------------------------------------------------------

class Listener:
    """A TCP port that counts the connections it is offered."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while self.running:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            conn.close()

    def close(self):
        self.running = False
        self.thread.join()
        self.sock.close()


@pytest.mark.parametrize('args', [['help'], ['help', 'boot'], ['--version'], ['bash-completion'],
                                  ['--os-compute-api-version', '2.1', 'help', 'list']])
def test_local_commands_make_no_http_call(args):
    listener = Listener()
    try:
        url = 'http://127.0.0.1:%d' % listener.port
        env = {k: v for k, v in os.environ.items() if not k.startswith(('OS_', 'NOVA'))}
        env.update(OS_AUTH_URL=url + '/v3', OS_USERNAME='admin', OS_PASSWORD='secret',
                   OS_PROJECT_NAME='admin', OS_USER_DOMAIN_NAME='Default',
                   OS_PROJECT_DOMAIN_NAME='Default', OS_ENDPOINT_OVERRIDE=url + '/v2.1')
        proc = nova(env, *args)
    finally:
        listener.close()
    assert listener.accepted == 0
    assert proc.stdout.strip() and proc.stderr == ''


def test_version_and_help_output():
    env = {k: v for k, v in os.environ.items() if not k.startswith(('OS_', 'NOVA'))}
    import novaclient
    assert nova(env, '--version').stdout == novaclient.__version__ + '\n'
    helped = nova(env, 'help').stdout
    assert helped.startswith('usage: nova [--version] [--debug] [--os-cache] [--timings]')
    assert re.search(r'^    boot {24}\S', helped, re.M) and '\n    flavor-list ' in helped
    words = nova(env, 'bash-completion').stdout.split()
    assert {'boot', 'list', 'flavor-list', '--flavor', '--poll'} <= set(words)


# -- flavors, key pairs, quotas, limits, server groups ------------------------------------------

def test_flavor_commands(srv, env):
    listing = rows(nova(env, 'flavor-list').stdout)
    assert listing[0] == ['ID', 'Name', 'Memory_MiB', 'Disk', 'Ephemeral', 'Swap', 'VCPUs',
                          'Is_Public', 'Description']
    assert [row[1] for row in listing[1:6]] == ['m1.tiny', 'm1.small', 'm1.medium', 'm1.large',
                                                'm1.xlarge']
    old = rows(nova(env, '--os-compute-api-version', '2.1', 'flavor-list').stdout)
    assert old[0] == ['ID', 'Name', 'Memory_MiB', 'Disk', 'Ephemeral', 'Swap', 'VCPUs',
                      'RXTX_Factor', 'Is_Public']
    name = unique('cli')
    created = rows(nova(env, 'flavor-create', '--is-public', 'false', '--description', 'small one',
                        name, 'auto', '256', '1', '1').stdout)
    assert created[1][1:] == [name, '256', '1', '0', '0', '1', 'False', 'small one']
    flavor_id = created[1][0]
    assert nova(env, 'flavor-key', name, 'set', 'hw:cpu_policy=dedicated').stdout == ''
    shown = props(nova(env, 'flavor-show', name).stdout)
    assert shown['id'] == flavor_id and shown['extra_specs'] == '{"hw:cpu_policy": "dedicated"}'
    demo = srv.session(srv.demo_openrc).get_project_id()
    nova(env, 'flavor-access-add', name, demo)
    access = rows(nova(env, 'flavor-access-list', '--flavor', flavor_id).stdout)
    assert access == [['Flavor_ID', 'Tenant_ID'], [flavor_id, demo]]
    nova(env, 'flavor-access-remove', name, demo)
    assert rows(nova(env, 'flavor-access-list', '--flavor', flavor_id).stdout) == [
        ['Flavor_ID', 'Tenant_ID']]
    updated = rows(nova(env, 'flavor-update', name, 'tiny and fast').stdout)
    assert updated[1][-1] == 'tiny and fast'
    assert nova(env, 'flavor-delete', name).stdout == ''
    missing = nova(env, 'flavor-show', name, code=1)
    assert missing.stderr == "ERROR (CommandError): No flavor with a name or ID of '%s' exists.\n" % name


def test_keypair_commands(env, tmp_path):
    name = unique('kp')
    pub = tmp_path / 'id.pub'
    pub.write_text(PUBLIC_KEY + '\n')
    nova(env, 'keypair-add', '--pub-key', str(pub), name)
    listing = rows(nova(env, 'keypair-list').stdout)
    assert listing[0] == ['Name', 'Type', 'Fingerprint']
    mine = [row for row in listing if row[0] == name]
    assert len(mine) == 1 and mine[0][1] == 'ssh'
    assert re.fullmatch(r'([0-9a-f]{2}:){15}[0-9a-f]{2}', mine[0][2])
    out = nova(env, 'keypair-show', name).stdout
    assert props(out)['fingerprint'] == mine[0][2]
    assert '\nPublic key: %s\n' % PUBLIC_KEY in out
    # Since 2.92 the server no longer generates keys.
    refused = nova(env, 'keypair-add', unique('kp'), code=1)
    assert refused.stderr.startswith('ERROR (BadRequest): Invalid input for field/attribute public_key.')
    old = nova(env, '--os-compute-api-version', '2.91', 'keypair-add', unique('kp')).stdout
    assert old.startswith('-----BEGIN ') and 'PRIVATE KEY-----' in old
    nova(env, 'keypair-delete', name)
    gone = nova(env, 'keypair-show', name, code=1)
    assert re.fullmatch(r'ERROR \(NotFound\): Keypair %s not found for user [0-9a-f]{32} '
                        r'\(HTTP 404\) \(Request-ID: req-[0-9a-f-]{36}\)\n' % name, gone.stderr)


def test_quotas_and_limits(srv, env):
    demo = srv.session(srv.demo_openrc).get_project_id()
    defaults = props(nova(env, 'quota-defaults').stdout.replace('Quota', 'Property', 1))
    assert defaults['instances'] == '10' and defaults['cores'] == '20'
    nova(env, 'quota-update', '--instances', '17', '--cores', '33', demo)
    shown = rows(nova(env, 'quota-show', '--tenant', demo).stdout)
    assert shown[0] == ['Quota', 'Limit'] and ['instances', '17'] in shown and ['cores', '33'] in shown
    detail = rows(nova(env, 'quota-show', '--tenant', demo, '--detail').stdout)
    assert ['instances', "{'in_use': 0, 'limit': 17, 'reserved': 0}"] in detail
    nova(env, 'quota-delete', '--tenant', demo)
    assert ['instances', '10'] in rows(nova(env, 'quota-show', '--tenant', demo).stdout)
    classes = rows(nova(env, 'quota-class-show', 'default').stdout)
    assert ['ram', '51200'] in classes
    limits = rows(nova(env, 'limits').stdout)
    assert limits[0] == ['Verb', 'URI', 'Value', 'Remain', 'Unit', 'Next_Available']
    absolute = limits[limits.index(['Name', 'Used', 'Max']) + 1:]
    assert ['Instances', '0', '10'] in [row[:3] for row in absolute] or any(
        row[0] == 'Instances' for row in absolute)
    bad = nova(env, 'quota-show', '--tenant', 'not-a-project', code=1)
    assert bad.stderr.startswith('ERROR (BadRequest): Project ID not-a-project is not a valid project.')


def test_server_group_commands(env):
    name = unique('sg')
    created = rows(nova(env, 'server-group-create', name, 'anti-affinity',
                        '--rule', 'max_server_per_host=2').stdout)
    assert created[0] == ['Id', 'Name', 'Project Id', 'User Id', 'Policy', 'Rules', 'Members']
    group_id, row = created[1][0], created[1]
    assert row[1] == name and row[4] == 'anti-affinity' and row[5] == "{'max_server_per_host': 2}"
    assert [r[0] for r in rows(nova(env, 'server-group-list').stdout)].count(group_id) == 1
    shown = rows(nova(env, 'server-group-get', group_id).stdout)
    assert shown[1][:2] == [group_id, name]
    out = nova(env, 'server-group-delete', group_id).stdout
    assert out == 'Server group %s has been successfully deleted.\n' % group_id
    gone = nova(env, 'server-group-get', group_id, code=1)
    assert gone.stderr.startswith('ERROR (NotFound): Instance group %s could not be found.' % group_id)


# -- errors ----------------------------------------------------------------------------------

def test_usage_errors_exit_2(env):
    proc = nova(env, 'flavor-show', code=2)
    assert proc.stdout == ''
    assert proc.stderr.endswith("error: the following arguments are required: <flavor>\n"
                                "Try 'nova help flavor-show' for more information.\n")
    proc = nova(env, 'no-such-command', code=2)
    assert "error: argument <subcommand>: invalid choice: 'no-such-command'\n" in proc.stderr
    assert proc.stderr.endswith("Try 'nova help ' for more information.\n")
    # flavor-update starts at 2.55.
    proc = nova(env, '--os-compute-api-version', '2.54', 'flavor-update', 'x', 'y', code=2)
    assert "invalid choice: 'flavor-update'" in proc.stderr


def test_error_lines_exit_1(srv, env):
    proc = nova(env, 'help', 'no-such-command', code=1)
    assert proc.stderr == "ERROR (CommandError): 'no-such-command' is not a valid subcommand\n"
    proc = nova(env, '--os-compute-api-version', '2.105', 'flavor-list', code=1)
    assert proc.stderr == ("ERROR (CommandError): The specified version isn't supported by client. "
                           "The valid version range is '2.1' to '2.104'\n")
    proc = nova(env, '--os-compute-api-version', '3.0', 'flavor-list', code=1)
    assert proc.stderr == ("ERROR (UnsupportedVersion): Invalid client version '3.0'. "
                           "Major part should be '2'\n")
    proc = nova(dict(env, OS_PASSWORD='wrong'), 'flavor-list', code=1)
    assert re.fullmatch(r'ERROR \(Unauthorized\): The request you have made requires authentication\. '
                        r'\(HTTP 401\) \(Request-ID: req-[0-9a-f-]{36}\)\n', proc.stderr)
    no_user = {k: v for k, v in env.items() if k not in ('OS_USERNAME',)}
    proc = nova(no_user, 'flavor-list', code=1)
    assert proc.stderr.startswith('ERROR (CommandError): You must provide a user name/id')
    demo = dict(env, **srv.demo_openrc)
    proc = nova(demo, 'flavor-create', 'x', 'auto', '1', '1', '1', code=1)
    assert proc.stderr.startswith("ERROR (Forbidden): Policy doesn't allow "
                                  "os_compute_api:os-flavor-manage:create to be performed. (HTTP 403)")


def test_debug_masks_token_and_never_shows_password(srv, env):
    proc = nova(env, '--debug', 'flavor-list')
    err = proc.stderr
    assert 'm1.tiny' in proc.stdout
    assert 'Making authentication request to %s/auth/tokens' % srv.identity_url in err
    compute = srv.compute_url
    assert re.search(r'REQ: curl -g -i -X GET %s/flavors/detail -H "Accept: application/json" '
                     r'-H "OpenStack-API-Version: compute 2\.104" -H "User-Agent: python-novaclient" '
                     r'-H "X-Auth-Token: \{SHA256\}[0-9a-f]{64}" '
                     r'-H "X-OpenStack-Nova-API-Version: 2\.104"' % re.escape(compute), err)
    assert 'RESP: [200]' in err and 'RESP BODY: {"flavors": [' in err
    assert re.search(r'GET call to compute for %s/flavors/detail used request id req-[0-9a-f-]{36}'
                     % re.escape(compute), err)
    headers = re.findall(r'(X-Auth-Token|X-Subject-Token): (\S+)', err, re.I)
    assert headers and all(value.startswith(('{SHA256}', '"{SHA256}')) for _name, value in headers)
    assert env['OS_PASSWORD'] not in err + proc.stdout


# -- servers ---------------------------------------------------------------------------------

def test_boot_show_list_walkthrough(servers_api, env):
    booted = nova(env, 'boot', '--flavor', 'm1.tiny', '--image', 'cirros', '--nic', 'net-name=private',
                  '--poll', 'ins2')
    table = props(booted.stdout.split('\nServer building...')[0])
    assert table['name'] == 'ins2' and table['status'] == 'BUILD'
    # Nova's generator: digits 2-9 and letters without I, O and l.
    assert re.fullmatch(r'[2-9A-HJ-NP-Za-km-z]{12}', table['adminPass'])
    assert 'Server building... 100% complete\nFinished\n' in booted.stdout
    server_id = table['id']
    shown = props(nova(env, 'show', 'ins2').stdout)
    assert shown['id'] == server_id and shown['status'] == 'ACTIVE'
    assert shown['OS-EXT-STS:power_state'] == '1' and shown['flavor:original_name'] == 'm1.tiny'
    assert re.fullmatch(r'cirros\S* \([0-9a-f-]{36}\)', shown['image'])
    assert re.fullmatch(r'\d+\.\d+\.\d+\.\d+', shown['private network'])
    proc = nova(env, '--debug', 'list')
    listing = rows(proc.stdout)
    assert listing[0] == ['ID', 'Name', 'Status', 'Task State', 'Power State', 'Networks']
    assert [server_id, 'ins2', 'ACTIVE', '-', 'Running',
            'private=' + shown['private network']] in listing
    assert re.search(r'REQ: curl -g -i -X GET %s/servers/detail -H "Accept: application/json" .*'
                     r'-H "X-Auth-Token: \{SHA256\}[0-9a-f]{64}"' % re.escape(servers_api.compute_url),
                     proc.stderr)
    assert env['OS_PASSWORD'] not in proc.stderr
    nova(env, 'delete', 'ins2')


def test_missing_server_error_line(servers_api, env):
    proc = nova(env, 'show', 'x', code=1)
    assert proc.stdout == ''
    assert proc.stderr == "ERROR (CommandError): No server with a name or ID of 'x' exists.\n"
    proc = nova(env, 'show', code=2)
    assert "error: the following arguments are required: <server>" in proc.stderr
