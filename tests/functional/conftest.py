"""Fixtures for tests that start the real nova-api and real OpenStack clients."""

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
