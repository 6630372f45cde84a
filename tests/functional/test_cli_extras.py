"""What our ``nova`` and its library add to python-novaclient, against the real nova-api.

One nova-api with a small ``[api] max_limit`` serves every test: the
library negotiating its version and defaulting Keystone v3 domains, list
commands that follow the API's next links, machine-readable output and the
token cache.
"""

import os
import subprocess
import sys

import pytest

from tests.functional import server as server_mod

pytestmark = pytest.mark.functional

NOVA = os.path.join(os.path.dirname(sys.executable), 'nova')
MAX_LIMIT = 3
HOSTS = MAX_LIMIT + 2
CONFIG = ('[api]\nmax_limit = %d\n[compute]\nbuild_time = 0.1\naction_time = 0.1\nhosts = %d\n'
          % (MAX_LIMIT, HOSTS))


@pytest.fixture(scope='module')
def srv(tmp_path_factory):
    api = server_mod.start_api(tmp_path_factory.mktemp('nova-extras'), config_text=CONFIG)
    yield api
    api.stop()


@pytest.fixture(scope='module')
def env(srv, tmp_path_factory):
    home = tmp_path_factory.mktemp('home')
    return dict(srv.env(), COLUMNS='80', HOME=str(home), XDG_CACHE_HOME=str(home / '.cache'))


def nova(env, *args, code=0):
    proc = subprocess.run([NOVA] + list(args), env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == code, 'nova %s -> %d\n%s\n%s' % (
        ' '.join(args), proc.returncode, proc.stdout, proc.stderr)
    return proc


# -- the library --------------------------------------------------------------------------

def _run_script(env, script):
    proc = subprocess.run([sys.executable, '-c', script], env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_library_positional_form_against_keystone_v3(srv, env):
    project_id = srv.session().get_project_id()
    out = _run_script(env, (
        'import os\n'
        'from novaclient import client\n'
        'nova = client.Client("2", os.environ["OS_USERNAME"], os.environ["OS_PASSWORD"],\n'
        '                     %r, os.environ["OS_AUTH_URL"])\n'
        'print(sorted(f.name for f in nova.flavors.list(limit=2)))\n' % project_id))
    assert out == "['m1.small', 'm1.tiny']\n"


def test_library_latest_and_above_the_server_negotiate(env):
    out = _run_script(env, (
        'import os\n'
        'from keystoneauth1 import session\n'
        'from keystoneauth1.identity import v3\n'
        'from novaclient import client\n'
        'auth = v3.Password(auth_url=os.environ["OS_AUTH_URL"], username=os.environ["OS_USERNAME"],\n'
        '                   password=os.environ["OS_PASSWORD"], project_name="admin",\n'
        '                   user_domain_name="Default", project_domain_name="Default")\n'
        'sess = session.Session(auth=auth)\n'
        'for version in ("2.latest", "2.150"):\n'
        '    nova = client.Client(version, session=sess)\n'
        '    print(nova.api_version, len(nova.flavors.list(limit=1)))\n'))
    assert out == '2.104 1\n2.104 1\n'


# -- lists follow next links ---------------------------------------------------------------

PUBLIC_KEY = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB8rVRw5WRsb3bXjLcUuOBIrkjtRr7R3z9Hh0q5pbUnW '
              'extras@example\n')


def table_rows(text):
    return [[cell.strip() for cell in line[1:-1].split('|')]
            for line in text.splitlines() if line.startswith('|')][1:]


@pytest.fixture(scope='module')
def crowd(env, tmp_path_factory):
    """More servers, key pairs and server groups than ``max_limit``; the first server acted on."""
    pub = tmp_path_factory.mktemp('keys') / 'id.pub'
    pub.write_text(PUBLIC_KEY)
    names = ['crowd-%d' % i for i in range(MAX_LIMIT + 2)]
    nova(env, 'boot', '--flavor', 'm1.tiny', '--image', 'cirros', '--nic', 'none',
         '--min-count', str(len(names)), 'crowd')
    for index in range(MAX_LIMIT + 1):
        nova(env, 'keypair-add', '--pub-key', str(pub), 'crowd-kp%d' % index)
        nova(env, 'server-group-create', 'crowd-sg%d' % index, 'affinity')
    for action in ('stop', 'start', 'reboot'):
        _wait_settled(env)
        nova(env, action, 'crowd-1')
    for _ in range(MAX_LIMIT + 1):     # more migrations than a page
        _wait_settled(env)
        nova(env, 'live-migration', 'crowd-2')
    _wait_settled(env)
    return names


def _wait_settled(env, timeout=60):
    import time
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        listing = table_rows(nova(env, 'list', '--fields', 'name,status,task_state').stdout)
        if listing and all(row[2] in ('ACTIVE', 'SHUTOFF') and row[3] in ('-', 'None') for row in listing):
            return
        time.sleep(0.2)
    raise AssertionError('servers did not settle')


@pytest.mark.parametrize('command, count', [
    (['list'], MAX_LIMIT + 2), (['flavor-list'], 5), (['keypair-list'], MAX_LIMIT + 1),
    (['server-group-list'], MAX_LIMIT + 1), (['instance-action-list', 'crowd-1'], 4),
    (['hypervisor-list'], HOSTS), (['migration-list'], MAX_LIMIT + 1)])
def test_list_commands_are_complete_and_limit_still_stops(env, crowd, command, count):
    rows = table_rows(nova(env, *command).stdout)
    assert len(rows) == count, rows
    if command[0] != 'instance-action-list':
        assert len(table_rows(nova(env, *command, '--limit', '2').stdout)) == 2


def test_a_complete_list_pages_at_the_servers_page_size(env, crowd):
    debug = nova(env, '--debug', 'list').stderr
    gets = [line for line in debug.splitlines() if 'REQ: curl' in line and '/servers/detail' in line]
    assert len(gets) == 2 and 'marker=' in gets[1] and 'limit=' not in gets[1], gets


# -- machine-readable output -------------------------------------------------------------

def _text(value):
    import json
    if value is None:
        return '-'
    return json.dumps(value) if isinstance(value, (dict, list)) else str(value)


@pytest.mark.parametrize('command', [['list'], ['flavor-list'], ['keypair-list'],
                                     ['server-group-list'], ['service-list']])
def test_json_lists_match_the_tables(env, crowd, command):
    import json
    table = [[c.strip() for c in line[1:-1].split('|')]
             for line in nova(env, *command).stdout.splitlines() if line.startswith('|')]
    data = json.loads(nova(env, *command, '-f', 'json').stdout)
    assert [list(row) for row in data] == [table[0]] * len(data)
    assert [[_text(v) for v in row.values()] for row in data] == table[1:]


def test_show_as_json_yaml_and_value(env, crowd):
    import json
    import yaml
    shown = json.loads(nova(env, '-f', 'json', 'show', 'crowd-2').stdout)
    assert shown['name'] == 'crowd-2' and shown['status'] == 'ACTIVE'
    assert yaml.safe_load(nova(env, 'show', 'crowd-2', '-f', 'yaml').stdout) == shown
    assert nova(env, 'show', 'crowd-2', '-f', 'value', '-c', 'status').stdout == 'ACTIVE\n'
    env = dict(env, NOVA_OUTPUT_FORMAT='value')
    assert nova(env, 'flavor-show', '1', '-c', 'name', '-c', 'ram').stdout == 'm1.tiny\n512\n'


# -- the token cache ------------------------------------------------------------------------

def _requests(debug):
    """HTTP requests a --debug run made (keystoneauth logs the token POST apart)."""
    return [line for line in debug.splitlines()
            if ' REQ: curl ' in line or 'Making authentication request' in line]


def _cached_token(path):
    import json
    return json.loads(json.load(open(path))['auth_state'])['auth_token']


def test_token_cache(srv, env, tmp_path):
    import requests
    # The demo project has no server: its list is one page whatever max_limit is.
    env = dict(env, XDG_CACHE_HOME=str(tmp_path / 'cache'), **srv.demo_openrc)
    first = nova(dict(env, OS_CACHE='1'), '--debug', 'list').stderr
    assert len(_requests(first)) == 3   # token, version document, servers
    folder = tmp_path / 'cache' / 'novaclient'
    files = list(folder.iterdir())
    assert len(files) == 1 and oct(files[0].stat().st_mode & 0o777) == '0o600'
    assert oct(folder.stat().st_mode & 0o777) == '0o700'
    token = _cached_token(files[0])
    second = nova(env, '--os-cache', '--debug', 'list')
    assert [line.split(' REQ: curl -g -i -X ')[1].split()[:2] for line in _requests(second.stderr)] \
        == [['GET', second.stderr.split('X GET ')[1].split()[0]]]
    assert '/servers/detail' in _requests(second.stderr)[0]
    assert token not in first + second.stderr
    # Without the option the cache is neither read nor written.
    assert len(_requests(nova(env, '--debug', 'list').stderr)) == 3
    # A revoked token: one 401, one new token, then the command; the file holds the new token.
    assert requests.delete(env['OS_AUTH_URL'] + '/auth/tokens', timeout=30, headers={
        'X-Auth-Token': token, 'X-Subject-Token': token}).status_code == 204
    third = nova(dict(env, OS_CACHE='1'), '--debug', 'list').stderr
    assert 'RESP: [401]' in third and len(_requests(third)) == 2
    assert _cached_token(files[0]) != token
    assert len(_requests(nova(dict(env, OS_CACHE='1'), '--debug', 'list').stderr)) == 1


def test_token_cache_is_per_identity(srv, env, tmp_path):
    env = dict(env, XDG_CACHE_HOME=str(tmp_path / 'cache'), OS_CACHE='1')
    demo = dict(env, **srv.demo_openrc)
    nova(env, 'flavor-list')
    nova(demo, 'flavor-list')
    files = list((tmp_path / 'cache' / 'novaclient').iterdir())
    assert len(files) == 2 and _cached_token(files[0]) != _cached_token(files[1])
    assert len(_requests(nova(demo, '--debug', 'keypair-list').stderr)) == 1


# -- microversions 2.97-2.104 --------------------------------------------------------------

def test_new_microversions_in_the_cli(env, crowd):
    import json
    shown = json.loads(nova(env, 'show', 'crowd-3', '-f', 'json').stdout)
    assert shown['image:properties'] == {} or isinstance(shown['image:properties'], dict)
    assert shown['scheduler_hints'] == {}
    old = json.loads(nova(env, '--os-compute-api-version', '2.96', 'show', 'crowd-3',
                          '-f', 'json').stdout)
    assert 'image:properties' not in old and 'scheduler_hints' not in old
    named = json.loads(nova(env, 'flavor-list', '--name', 'm1.small', '-f', 'json').stdout)
    assert [f['Name'] for f in named] == ['m1.small']
    nova(env, 'update', 'crowd-3', '--pinned-availability-zone', 'nova')
    assert json.loads(nova(env, 'show', 'crowd-3', '-f', 'json').stdout)[
        'pinned_availability_zone'] == 'nova'
    nova(env, 'update', 'crowd-3', '--no-pinned-availability-zone')
    assert json.loads(nova(env, 'show', 'crowd-3', '-f', 'json').stdout)[
        'pinned_availability_zone'] is None
    # No share service stands behind the cloud: the list is empty, an attach is refused.
    listed = nova(env, 'server-share-list', 'crowd-3', '-f', 'json').stdout
    assert json.loads(listed) == []
    refused = nova(env, 'server-share-create', 'crowd-3', 'f1f1f1f1-0000-4000-8000-000000000001',
                   code=1).stderr
    assert refused.startswith('ERROR (Conflict): ') and '(HTTP 409)' in refused


def test_the_cli_sends_no_unknown_query_parameter_at_2_102(env, crowd):
    for command in (['list', '--all-tenants'], ['list', '--minimal'], ['flavor-list', '--all'],
                    ['keypair-list'], ['hypervisor-list'], ['migration-list'],
                    ['server-group-list', '--all-projects'], ['instance-action-list', 'crowd-1'],
                    ['availability-zone-list'], ['limits'], ['quota-show'], ['service-list'],
                    ['aggregate-list'], ['usage-list'], ['server-tag-list', 'crowd-1'],
                    ['interface-list', 'crowd-1'], ['volume-attachments', 'crowd-1'],
                    ['server-migration-list', 'crowd-1'], ['show', 'crowd-1']):
        nova(env, *command)
