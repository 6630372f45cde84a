"""The command set as a whole: every command documents itself and its arguments, and loads cheaply."""

import pathlib
import subprocess
import sys

import pytest

from novaclient import api_versions
from novaclient.v2 import shell as v2shell

# NOTE: child interpreters start at the checkout's root: started in tests/unit, their
# ``import novaclient`` would find tests/unit/novaclient before an editable install.
ROOT = pathlib.Path(__file__).resolve().parents[4]


def _variants():
    for name, func in v2shell.commands():
        subs = api_versions.get_substitutions(func)
        for variant in ([s.func for s in subs] if subs else [func]):
            yield name, variant


def test_every_command_has_help():
    missing = [name for name, func in _variants()
               if not (func.__doc__ or '').strip()]
    assert missing == []


def test_every_argument_has_help():
    missing = []
    for name, func in _variants():
        for args, kwargs in getattr(func, 'arguments', []):
            if not kwargs.get('help'):
                missing.append((name, args))
    assert missing == []


# novaclient prints these options with argparse's default metavar.
DEFAULT_METAVAR = {'--hostname', '--console-type', '--port', '--address-type',
                   '-i', '--extra-opts'}


def test_options_have_metavars_or_are_flags():
    missing = []
    for name, func in _variants():
        for args, kwargs in getattr(func, 'arguments', []):
            flag = kwargs.get('action') in ('store_true', 'store_false',
                                            'store_const')
            if not flag and 'metavar' not in kwargs and not kwargs.get(
                    'choices') and args[0] not in DEFAULT_METAVAR:
                missing.append((name, args))
    assert missing == []


def test_command_modules_are_registered():
    import pkgutil
    import novaclient.v2.shell as pkg
    names = {m.name for m in pkgutil.iter_modules(pkg.__path__)}
    names = {n for n in names if not n.startswith('_')} - {'common'}
    assert names == set(v2shell.MODULES)


# Local commands stay cheap: no module of the command set imports heavy modules at load.

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
                          text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == '[]'
