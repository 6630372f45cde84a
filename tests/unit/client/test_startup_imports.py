"""Local commands stay cheap: no module of the command set imports heavy modules at load."""

import subprocess
import sys

import pytest

# Modules a command may use, but only inside the command (each costs 1-9 ms at start-up).
HEAVY = ('pprint', 'dataclasses', 'inspect', 'datetime', 'json', 'logging', 'urllib.parse',
         'uuid', 'getpass', 'ipaddress', 'shutil', 'prettytable', 'wcwidth', 'keystoneauth1',
         'requests')

# Modules already loaded by the interpreter's start (an editable install's
# path finder brings urllib.parse, for one) are not the commands' doing.
CODE = ('import sys, io, contextlib\n'
        'before = set(sys.modules)\n'
        'from novaclient import shell\n'
        'with contextlib.redirect_stdout(io.StringIO()):\n'
        '    shell.main(%r)\n'
        'print(sorted(m for m in %r if m in set(sys.modules) - before))\n')


@pytest.mark.parametrize('argv', [['--version'], ['help'], ['help', 'usage-list'],
                                  ['bash-completion']])
def test_local_commands_import_nothing_heavy(argv):
    proc = subprocess.run([sys.executable, '-c', CODE % (argv, HEAVY)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == '[]'
