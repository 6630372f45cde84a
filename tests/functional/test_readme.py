"""The README's tour, run as written in a new shell against a nova-api started as it says.

The tour's shell block (after "Then, in another shell") runs under ``bash -e`` in a
directory holding ``.venv`` (this venv) and ``data`` (the running service's data
directory), with no ``OS_*`` variables and no venv on PATH; then its Python example
runs with the admin credentials sourced.
"""

import os
import pathlib
import re
import subprocess
import sys

import pytest

from tests.functional import server as server_mod

pytestmark = pytest.mark.functional

ROOT = pathlib.Path(__file__).resolve().parents[2]
CONFIG = '[compute]\nbuild_time = 0.2\naction_time = 0.2\n'


def readme():
    return (ROOT / 'README.md').read_text(encoding='utf-8')


def tour_commands(text):
    """The indented block after 'Then, in another shell', as one script."""
    after = text.split('Then, in another shell', 1)[1].split('\n\n', 1)[1]
    lines = []
    for line in after.splitlines():
        if not line.startswith('    '):
            break
        lines.append(line[4:])
    return '\n'.join(lines) + '\n'


def python_example(text):
    return re.search(r'```python\n(.*?)```', text, re.S).group(1)


def test_setup_commands_are_the_two_documented():
    text = readme()
    assert '    python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/nova-api --data-dir ./data\n' in text
    assert ("    python3 -m venv .venv && .venv/bin/pip install '.[test,keystone]' && "
            ".venv/bin/python -m pytest\n") in text


@pytest.fixture(scope='module')
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp('tour')
    os.symlink(sys.prefix, home / '.venv')
    return home


def _shell_env(home):
    venv_bin = os.path.dirname(sys.executable)
    path = os.pathsep.join(p for p in os.environ.get('PATH', '').split(os.pathsep)
                           if p and os.path.realpath(p) != os.path.realpath(venv_bin))
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('OS_', 'NOVA', 'VIRTUAL_ENV', 'PYTHON'))}
    env.update(PATH=path, HOME=str(home), COLUMNS='100', XDG_CACHE_HOME=str(home / 'cache'))
    return env


def test_tour_runs_as_written(home):
    script = tour_commands(readme())
    assert script.startswith('. .venv/bin/activate\n') or script.startswith('. .venv/bin/activate ')
    assert 'openstack ' not in script
    with server_mod.start_api(home / 'data', config_text=CONFIG):
        env = _shell_env(home)
        assert subprocess.run(['bash', '-c', 'command -v nova'], env=env, cwd=home,
                              capture_output=True).returncode != 0
        proc = subprocess.run(['bash', '-e', '-c', script], env=env, cwd=home,
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        assert 'ins2' in proc.stdout and 'ACTIVE\n' in proc.stdout
        example = subprocess.run(
            ['bash', '-e', '-c', '. .venv/bin/activate; . ./data/admin-openrc; python -c "$1"',
             'tour', python_example(readme())],
            env=env, cwd=home, capture_output=True, text=True, timeout=120)
        assert example.returncode == 0, example.stderr
        assert example.stdout.startswith('2.104 [')
