"""The unit test tree mirrors the source tree, and tests skip only through ``unavailable``.

``tests/unit/<package path>/test_<name>.py`` tests ``<package path>/<name>.py`` or the
package ``<package path>/<name>/``: tests/unit/novaapi/compute/test_states.py tests
novaapi/compute/states.py, tests/unit/novaapi/test_db.py the package novaapi/db/. Source
modules move while the tests stay behind, so the source tree is read when this test runs.
"""

import ast
import pathlib
import re

import novaapi
import novaclient

ROOT = pathlib.Path(__file__).resolve().parents[2]
UNIT = ROOT / 'tests' / 'unit'
PACKAGES = ('novaapi', 'novaclient')

# Test modules about a whole tree rather than one module or package, with the reason each.
WHOLE_TREE = {
    'test_layout.py': 'the test tree itself: its layout and its skips',
    'test_architecture.py': 'the import contracts between the layers of novaapi and novaclient',
}

# Test modules that do not mirror yet, each waiting for a file another engineer created while
# this tree was being mirrored (not edited here): merge it there, then drop its entry.
NOT_YET_MIRRORED = {}

SKIP_CALL = re.compile(r'\bpytest\.(skip|importorskip|xfail)\b|\bmark\.(skip|skipif|xfail)\b|'
                       r'\bunittest\.skip|\bSkipTest\b')


def _is_package(path):
    return path.is_dir() and (path / '__init__.py').is_file()


def _mirror_problem(test):
    """Why ``test`` (a test_*.py under tests/unit) mirrors no source module, or None."""
    rel = test.relative_to(UNIT)
    if len(rel.parts) == 1:
        return None if rel.name in WHOLE_TREE else 'a whole-tree test missing from WHOLE_TREE'
    if rel.parts[0] not in PACKAGES:
        return 'not under tests/unit/novaapi or tests/unit/novaclient'
    package = ROOT.joinpath(*rel.parts[:-1])
    if not _is_package(package):
        return 'no package %s/' % package.relative_to(ROOT)
    name = rel.stem[len('test_'):]
    if (package / (name + '.py')).is_file() or _is_package(package / name):
        return None
    return 'no module %s nor package %s/' % ((package / (name + '.py')).relative_to(ROOT),
                                              (package / name).relative_to(ROOT))


def test_every_test_module_mirrors_a_source_module_or_package():
    problems = ['%s: %s' % (test.relative_to(ROOT), _mirror_problem(test))
                for test in sorted(UNIT.rglob('test_*.py'))
                if _mirror_problem(test) and test.relative_to(UNIT).as_posix() not in NOT_YET_MIRRORED]
    assert not problems, 'test modules that mirror no source module:\n' + '\n'.join(problems)


def test_not_yet_mirrored_entries_are_still_needed():
    done = sorted(rel for rel in NOT_YET_MIRRORED
                  if not (UNIT / rel).is_file() or _mirror_problem(UNIT / rel) is None)
    assert done == [], 'drop these from NOT_YET_MIRRORED'


def test_mirror_directories_are_not_packages():
    # NOTE: with an __init__.py, pytest would import tests/unit/novaclient as a
    # package named ``novaclient`` and shadow the real one.
    packages = []
    for top in PACKAGES:
        for directory in [UNIT / top] + [d for d in (UNIT / top).rglob('*') if d.is_dir()]:
            mirrored = ROOT / directory.relative_to(UNIT)
            if mirrored.is_dir() and (directory / '__init__.py').exists():
                packages.append(str(directory.relative_to(ROOT)))
    assert not packages, 'mirror directories with an __init__.py: %s' % packages


def test_the_real_packages_are_imported():
    assert pathlib.Path(novaapi.__file__).resolve() == ROOT / 'novaapi' / '__init__.py'
    assert pathlib.Path(novaclient.__file__).resolve() == ROOT / 'novaclient' / '__init__.py'


def _skips(path):
    """``(line, text)`` of every skip in ``path`` outside ``tests/conftest.py``'s ``unavailable``."""
    source = path.read_text(encoding='utf-8')
    allowed = set()
    if path == ROOT / 'tests' / 'conftest.py':
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef) and node.name == 'unavailable':
                allowed = set(range(node.lineno, node.end_lineno + 1))
    return [(number, line.strip()) for number, line in enumerate(source.splitlines(), 1)
            if SKIP_CALL.search(line) and number not in allowed and not line.lstrip().startswith('#')]


def test_tests_skip_only_through_unavailable():
    # NOTE: unavailable() skips for a missing external service and fails under
    # CI=true; any other skip would hide a test that silently stopped running.
    found = ['%s:%d: %s' % (path.relative_to(ROOT), number, text)
             for path in sorted((ROOT / 'tests').rglob('*.py')) if path != pathlib.Path(__file__).resolve()
             for number, text in _skips(path)]
    assert not found, 'skips outside tests.conftest.unavailable:\n' + '\n'.join(found)
