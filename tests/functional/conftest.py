"""Fixtures for tests that start the real nova-api and real OpenStack clients."""

import json
import os
import subprocess

import pytest

from tests.conftest import unavailable
from tests.functional import server as server_mod

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def real_venv(name):
    """Path of a throwaway venv with a real client (or Nova); skip outside CI when it cannot be made."""
    try:
        out = subprocess.run([os.path.join(ROOT, 'tools', 'real-venv.sh'), name], check=True,
                             capture_output=True, text=True, timeout=900)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        detail = getattr(exc, 'stderr', '') or str(exc)
        unavailable('cannot build the %s venv (no package index?): %s' % (name, detail[-300:]))
    return out.stdout.strip().splitlines()[-1]


def run(venv, program, args, env, check=True, timeout=180):
    """Run ``program`` of a real-client venv; with ``check``, a non-zero exit fails the test."""
    proc = subprocess.run([os.path.join(venv, 'bin', program)] + args, env=env,
                          capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError('%s %s failed (%d):\n%s\n%s' % (
            program, ' '.join(args), proc.returncode, proc.stdout, proc.stderr))
    return proc


def openstack(venv, args, env, **kw):
    return run(venv, 'openstack', args, env, **kw)


def ansible_play_twice(venv, api, tmp_path, playbook):
    """Run ``playbook`` twice as the demo user (a clouds.yaml cloud named ``ci``); both stdouts."""
    demo = api.demo_openrc
    clouds = {'clouds': {'ci': {'auth': {
        'auth_url': demo['OS_AUTH_URL'], 'username': demo['OS_USERNAME'],
        'password': demo['OS_PASSWORD'], 'project_name': demo['OS_PROJECT_NAME'],
        'user_domain_name': 'Default', 'project_domain_name': 'Default'},
        'identity_api_version': 3, 'interface': 'public'}}}
    (tmp_path / 'clouds.yaml').write_text(json.dumps(clouds))
    (tmp_path / 'play.yml').write_text(playbook)
    env = {k: v for k, v in api.env().items() if not k.startswith('OS_')}
    env.update(OS_CLIENT_CONFIG_FILE=str(tmp_path / 'clouds.yaml'),
               ANSIBLE_LOCALHOST_WARNING='False', ANSIBLE_INVENTORY_UNPARSED_WARNING='False')
    return tuple(run(venv, 'ansible-playbook', [str(tmp_path / 'play.yml')], env,
                     timeout=300).stdout for _ in range(2))


@pytest.fixture(scope='session')
def api(tmp_path_factory):
    """One nova-api for the session (two workers); tests make their own names."""
    srv = server_mod.start_api(tmp_path_factory.mktemp('nova-api'), workers=2)
    yield srv
    srv.stop()


@pytest.fixture(scope='session')
def novaclient_venv():
    return real_venv('novaclient')


@pytest.fixture(scope='session')
def openstackclient_venv():
    return real_venv('openstackclient')


@pytest.fixture(scope='session')
def nova_venv():
    return real_venv('nova')
