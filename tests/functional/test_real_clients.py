"""Unmodified OpenStack clients, installed from PyPI in their own venvs, against nova-api."""

import uuid

import pytest

from tests.functional import conftest as fconftest

pytestmark = pytest.mark.functional


def run(venv, program, args, env, check=True):
    return fconftest.run(venv, program, args, env, check=check, timeout=120)


def table_rows(text):
    """Cells of a prettytable, header included."""
    return [[cell.strip() for cell in line.strip('|').split('|')]
            for line in text.splitlines() if line.startswith('|')]


def test_python_novaclient_flavor_commands(api, novaclient_venv):
    env = api.env()
    listing = table_rows(run(novaclient_venv, 'nova', ['flavor-list'], env).stdout)
    assert listing[0][:3] == ['ID', 'Name', 'Memory_MiB']
    assert [row[1] for row in listing[1:6]] == ['m1.tiny', 'm1.small', 'm1.medium', 'm1.large', 'm1.xlarge']
    show = dict(row for row in table_rows(run(novaclient_venv, 'nova', ['flavor-show', '1'], env).stdout)[1:])
    assert show['name'] == 'm1.tiny' and show['ram'] == '512'
    name = 'cli-%s' % uuid.uuid4().hex[:8]
    created = table_rows(run(novaclient_venv, 'nova',
                             ['flavor-create', '--is-public', 'false', name, 'auto', '256', '1', '1'],
                             env).stdout)
    assert created[1][1] == name and created[1][-2] == 'False'
    run(novaclient_venv, 'nova', ['flavor-key', name, 'set', 'hw:cpu_policy=dedicated'], env)
    shown = dict(row for row in table_rows(run(novaclient_venv, 'nova', ['flavor-show', name], env).stdout)[1:])
    assert shown['extra_specs'] == '{"hw:cpu_policy": "dedicated"}'
    demo_project = api.session(api.demo_openrc).get_project_id()
    access = table_rows(run(novaclient_venv, 'nova', ['flavor-access-add', name, demo_project], env).stdout)
    assert access[1][1] == demo_project
    listing = run(novaclient_venv, 'nova', ['flavor-access-list', '--flavor', name], env).stdout
    assert demo_project in listing
    run(novaclient_venv, 'nova', ['flavor-delete', name], env)
    missing = run(novaclient_venv, 'nova', ['flavor-show', name], env, check=False)
    assert missing.returncode == 1
    assert "No flavor with a name or ID of '%s' exists." % name in missing.stderr


def test_python_novaclient_demo_is_refused(api, novaclient_venv):
    proc = run(novaclient_venv, 'nova', ['flavor-create', 'x', 'auto', '1', '1', '1'],
               api.env(api.demo_openrc), check=False)
    assert proc.returncode == 1
    assert "ERROR (Forbidden): Policy doesn't allow os_compute_api:os-flavor-manage:create" in proc.stderr


def test_openstackclient_identity_commands(api, openstackclient_venv):
    env = api.env()
    issued = run(openstackclient_venv, 'openstack', ['token', 'issue', '-f', 'value', '-c', 'project_id'], env)
    assert len(issued.stdout.strip()) == 32
    suffix = uuid.uuid4().hex[:8]
    project = run(openstackclient_venv, 'openstack',
                  ['project', 'create', 'p-' + suffix, '-f', 'value', '-c', 'id'], env).stdout.strip()
    user = run(openstackclient_venv, 'openstack',
               ['user', 'create', 'u-' + suffix, '--password', 'pw-' + suffix, '-f', 'value', '-c', 'id'],
               env).stdout.strip()
    run(openstackclient_venv, 'openstack', ['role', 'add', '--project', project, '--user', user, 'member'], env)
    assignments = run(openstackclient_venv, 'openstack',
                      ['role', 'assignment', 'list', '--user', user, '--project', project, '--names',
                       '-f', 'value', '-c', 'Role'], env).stdout.split()
    assert assignments == ['member']
    # The new user can now authenticate and use compute with its own project.
    user_env = dict(env, OS_USERNAME='u-' + suffix, OS_PASSWORD='pw-' + suffix, OS_PROJECT_NAME='p-' + suffix)
    token_project = run(openstackclient_venv, 'openstack',
                        ['token', 'issue', '-f', 'value', '-c', 'project_id'], user_env).stdout.strip()
    assert token_project == project
    flavors = run(openstackclient_venv, 'openstack', ['flavor', 'list', '-f', 'value', '-c', 'Name'],
                  user_env).stdout.split()
    assert 'm1.tiny' in flavors
