"""Meta-tests: every command documents itself and every argument."""

from novaclient import api_versions
from novaclient.v2 import shell as v2shell


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
