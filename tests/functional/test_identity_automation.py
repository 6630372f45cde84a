"""Identity for automation, driven by unmodified clients: application credentials, groups, scopes.

One nova-api (two workers) for the module; openstackclient, openstacksdk and
Ansible from their throwaway venvs; keystonemiddleware in front of compute in
the keystone strategy test module.  Secrets are collected as they are made and
looked for afterwards in the log, the database file and ``--debug`` output.
"""

import json
import os
import uuid

import pytest
import requests

from tests.functional import conftest as fconftest
from tests.functional import server as server_mod

pytestmark = pytest.mark.functional

SECRETS = []


@pytest.fixture(scope='module')
def api(tmp_path_factory):
    srv = server_mod.start_api(tmp_path_factory.mktemp('identity-api'), workers=2)
    yield srv
    srv.stop()


@pytest.fixture(scope='module')
def osc():
    return fconftest.real_venv('openstackclient')


@pytest.fixture(scope='module')
def ansible_venv():
    # NOTE: the Ansible venv carries openstacksdk 4.14.0, so it also serves the SDK tests.
    return fconftest.real_venv('ansible')


run = fconftest.run
openstack = fconftest.openstack


def app_cred_env(api, cred_id, secret):
    env = {k: v for k, v in api.env().items() if not k.startswith('OS_')}
    env.update(OS_AUTH_URL=api.identity_url, OS_AUTH_TYPE='v3applicationcredential',
               OS_APPLICATION_CREDENTIAL_ID=cred_id, OS_APPLICATION_CREDENTIAL_SECRET=secret,
               OS_IDENTITY_API_VERSION='3', OS_INTERFACE='public')
    return env


def app_cred_token(api, cred_id, secret):
    body = {'auth': {'identity': {'methods': ['application_credential'],
                                  'application_credential': {'id': cred_id, 'secret': secret}}}}
    resp = requests.post(api.identity_url + '/auth/tokens', json=body, timeout=30)
    return resp


def test_application_credentials_with_openstackclient(api, osc):
    env = api.env(api.demo_openrc)
    SECRETS.append(api.demo_openrc['OS_PASSWORD'])
    name = 'ci-%s' % uuid.uuid4().hex[:6]
    created = json.loads(openstack(osc, ['application', 'credential', 'create', name,
                                         '--role', 'reader', '-f', 'json'], env).stdout)
    SECRETS.append(created['Secret'])
    assert created['Name'] == name and len(created['Secret']) == 86
    assert [r['name'] for r in created['Roles']] == ['reader']
    listed = openstack(osc, ['application', 'credential', 'list', '-f', 'value', '-c', 'Name'],
                       env).stdout.split()
    assert name in listed
    cred_env = app_cred_env(api, created['ID'], created['Secret'])
    debug = openstack(osc, ['--debug', 'server', 'list', '-f', 'json'], cred_env)
    assert json.loads(debug.stdout) == []
    # keystoneauth never logs the auth request; the server's answers name no secret either
    for secret in SECRETS:
        assert secret not in debug.stdout + debug.stderr
    token = app_cred_token(api, created['ID'], created['Secret'])
    assert token.status_code == 201
    token_id = token.headers['X-Subject-Token']
    SECRETS.append(token_id)
    assert token.json()['token']['application_credential']['restricted'] is True
    assert api.compute('GET', '/servers', token=token_id).status_code == 200
    openstack(osc, ['application', 'credential', 'delete', name], env)
    # the two workers answer in turn: every one of them refuses the token at once
    statuses = {api.compute('GET', '/servers', token=token_id).status_code for _ in range(6)}
    assert statuses == {401}
    gone = openstack(osc, ['server', 'list'], cred_env, check=False)
    assert gone.returncode != 0


def test_openstacksdk_creates_and_uses_an_application_credential(api, ansible_venv, tmp_path):
    script = tmp_path / 'sdk.py'
    script.write_text('''
import json, sys
import openstack
env = json.loads(sys.argv[1])
conn = openstack.connect(auth_url=env['OS_AUTH_URL'], username=env['OS_USERNAME'],
                         password=env['OS_PASSWORD'], project_name=env['OS_PROJECT_NAME'],
                         user_domain_name='Default', project_domain_name='Default')
user_id = conn.current_user_id
cred = conn.identity.create_application_credential(user_id, 'sdk-cred', unrestricted=False)
other = openstack.connect(auth_type='v3applicationcredential', auth_url=env['OS_AUTH_URL'],
                          application_credential_id=cred.id,
                          application_credential_secret=cred.secret)
flavors = [f.name for f in other.compute.flavors()]
found = conn.identity.find_application_credential(user_id, 'sdk-cred')
conn.identity.delete_application_credential(user_id, cred.id)
print(json.dumps({'id': cred.id, 'secret': cred.secret, 'flavors': flavors,
                  'found': found.id}))
''')
    bare = {k: v for k, v in api.env().items() if not k.startswith('OS_')}
    out = run(ansible_venv, 'python', [str(script), json.dumps(api.demo_openrc)], bare).stdout
    result = json.loads(out.strip().splitlines()[-1])
    SECRETS.append(result['secret'])
    assert result['found'] == result['id'] and 'm1.tiny' in result['flavors']
    assert app_cred_token(api, result['id'], result['secret']).status_code == 401


PLAYBOOK = '''
- hosts: localhost
  gather_facts: false
  tasks:
    - name: boot a server with an application credential
      openstack.cloud.server:
        cloud: ci
        name: {name}
        image: cirros
        flavor: m1.tiny
        network: private
        auto_ip: false
        wait: true
        timeout: 120
      register: booted
    - name: show it
      openstack.cloud.server_info:
        cloud: ci
        name: {name}
      register: info
    - assert:
        that:
          - info.servers | length == 1
          - info.servers[0].status == 'ACTIVE'
'''


def test_ansible_boots_a_server_with_v3applicationcredential(api, osc, ansible_venv, tmp_path):
    env = api.env(api.demo_openrc)
    created = json.loads(openstack(osc, ['application', 'credential', 'create', 'ansible',
                                         '-f', 'json'], env).stdout)
    SECRETS.append(created['Secret'])
    clouds = {'clouds': {'ci': {'auth_type': 'v3applicationcredential', 'auth': {
        'auth_url': api.identity_url, 'application_credential_id': created['ID'],
        'application_credential_secret': created['Secret']},
        'identity_api_version': 3, 'interface': 'public'}}}
    (tmp_path / 'clouds.yaml').write_text(json.dumps(clouds))
    name = 'ans-%s' % uuid.uuid4().hex[:6]
    (tmp_path / 'play.yml').write_text(PLAYBOOK.format(name=name))
    play_env = {k: v for k, v in api.env().items() if not k.startswith('OS_')}
    play_env.update(OS_CLIENT_CONFIG_FILE=str(tmp_path / 'clouds.yaml'),
                    ANSIBLE_LOCALHOST_WARNING='False', ANSIBLE_INVENTORY_UNPARSED_WARNING='False')
    proc = run(ansible_venv, 'ansible-playbook', [str(tmp_path / 'play.yml')], play_env,
               timeout=300)
    assert 'failed=0' in proc.stdout
    for secret in SECRETS:
        assert secret not in proc.stdout
    servers = json.loads(openstack(osc, ['server', 'list', '-f', 'json'], env).stdout)
    assert [s['Status'] for s in servers if s['Name'] == name] == ['ACTIVE']


def test_groups_domain_and_system_grants_with_openstackclient(api, osc):
    env = api.env()
    suffix = uuid.uuid4().hex[:6]
    user, group = 'u-' + suffix, 'g-' + suffix
    password = 'pw-' + suffix
    SECRETS.append(password)
    openstack(osc, ['user', 'create', user, '--password', password], env)
    openstack(osc, ['group', 'create', group], env)
    openstack(osc, ['group', 'add', 'user', group, user], env)
    openstack(osc, ['role', 'add', '--group', group, '--project', 'demo', 'member'], env)
    openstack(osc, ['role', 'add', '--user', user, '--domain', 'default', 'reader'], env)
    openstack(osc, ['role', 'add', '--group', group, '--system', 'all', 'reader'], env)
    rows = openstack(osc, ['role', 'assignment', 'list', '--effective', '--names', '--user', user,
                           '-f', 'json'], env).stdout
    seen = {(r['Role'], r['Project'], r['Domain']) for r in json.loads(rows)}
    assert ('member', 'demo@Default', '') in seen and ('reader', 'demo@Default', '') in seen
    assert ('reader', '', 'Default') in seen
    user_env = {k: v for k, v in env.items() if not k.startswith('OS_PROJECT')}
    user_env.update(OS_USERNAME=user, OS_PASSWORD=password)
    system = json.loads(openstack(osc, ['--os-system-scope', 'all', 'token', 'issue', '-f',
                                        'json'], user_env).stdout)
    assert system['system'] == 'all'
    new_password = 'new-' + suffix
    SECRETS.append(new_password)
    project_env = dict(user_env, OS_PROJECT_NAME='demo')
    debug = openstack(osc, ['--debug', 'user', 'password', 'set', '--original-password',
                            password, '--password', new_password], project_env)
    assert json.loads(openstack(osc, ['token', 'issue', '-f', 'json'], dict(
        project_env, OS_PASSWORD=new_password)).stdout)['user_id']
    # the client logs its own argv and request bodies; what the server answers (RESP lines:
    # status, headers, bodies) must hold no password and no token
    answers = [line for line in debug.stderr.splitlines() if line.startswith('RESP')]
    assert len(answers) >= 4
    for secret in SECRETS:
        assert not [line for line in answers if secret in line]



def test_system_scope_on_compute_network_and_image_as_their_defaults_say(api, osc):
    """Nova, Neutron and Glance declare every rule project-scoped: a system admin is refused."""
    env = {k: v for k, v in api.env().items() if not k.startswith('OS_PROJECT')}
    system = ['--os-system-scope', 'all']
    for command in (['server', 'list'], ['hypervisor', 'list']):
        proc = openstack(osc, system + command, env, check=False)
        assert proc.returncode == 1 and '403' in proc.stderr, proc.stderr
        assert "Policy doesn't allow os_compute_api:" in proc.stderr
    flavors = json.loads(openstack(osc, system + ['flavor', 'list', '-f', 'json'], env).stdout)
    assert 'm1.tiny' in [f['Name'] for f in flavors]  # Nova checks no rule to list flavors
    assert json.loads(openstack(osc, system + ['network', 'list', '-f', 'json'], env).stdout) == []
    proc = openstack(osc, system + ['image', 'list'], env, check=False)
    assert proc.returncode == 1 and '403' in proc.stderr, proc.stderr



def test_project_tags_and_disabled_projects_and_users_with_openstackclient(api, osc):
    env = api.env()
    suffix = uuid.uuid4().hex[:6]
    project, user, password = 'p-' + suffix, 'pu-' + suffix, 'ppw-' + suffix
    SECRETS.append(password)
    openstack(osc, ['project', 'create', project, '--tag', 'ci'], env)
    openstack(osc, ['project', 'set', project, '--tag', 'team-a'], env)
    openstack(osc, ['user', 'create', user, '--password', password, '--project', project], env)
    openstack(osc, ['role', 'add', '--user', user, '--project', project, 'member'], env)
    shown = json.loads(openstack(osc, ['project', 'show', project, '-f', 'json'], env).stdout)
    assert sorted(shown['tags']) == ['ci', 'team-a']
    names = openstack(osc, ['project', 'list', '--tags', 'ci,team-a', '-f', 'value', '-c',
                            'Name'], env).stdout.split()
    assert names == [project]
    assert project not in openstack(osc, ['project', 'list', '--not-tags-any', 'team-a', '-f',
                                          'value', '-c', 'Name'], env).stdout.split()
    user_env = dict(env, OS_USERNAME=user, OS_PASSWORD=password, OS_PROJECT_NAME=project)
    token = json.loads(openstack(osc, ['token', 'issue', '-f', 'json'], user_env).stdout)['id']
    SECRETS.append(token)
    assert api.compute('GET', '/servers', token=token).status_code == 200
    # each worker answers in turn: every one refuses the token on its next request
    openstack(osc, ['project', 'set', '--disable', project], env)
    assert {api.compute('GET', '/servers', token=token).status_code for _ in range(6)} == {401}
    openstack(osc, ['project', 'set', '--enable', project], env)
    assert {api.compute('GET', '/servers', token=token).status_code for _ in range(4)} == {200}
    # a disabled user's tokens are revoked for good, as Keystone does
    openstack(osc, ['user', 'set', '--disable', user], env)
    assert {api.compute('GET', '/servers', token=token).status_code for _ in range(6)} == {401}
    openstack(osc, ['user', 'set', '--enable', user], env)
    assert api.compute('GET', '/servers', token=token).status_code == 401
    # the user changes their own password: the original one is the proof
    refused = openstack(osc, ['user', 'password', 'set', '--original-password', 'wrong',
                              '--password', 'x-' + suffix], user_env, check=False)
    assert refused.returncode == 1 and '401' in refused.stderr


def test_secrets_never_reach_the_log_or_the_database(api):
    assert len(SECRETS) >= 3
    log = api.log()
    blobs = [log.encode('utf-8')]
    for entry in os.scandir(api.data_dir):
        if entry.is_file() and ('sqlite' in entry.name or entry.name.endswith('.db')):
            with open(entry.path, 'rb') as f:
                blobs.append(f.read())
    assert len(blobs) > 1, os.listdir(api.data_dir)
    for secret in SECRETS:
        for blob in blobs:
            assert secret.encode('utf-8') not in blob
