"""The house rules: the import-linter contracts of pyproject.toml, and no import cycles at all.

import-linter's layered contracts keep arrows pointing down between packages;
the cycle check below looks at modules, counting imports made inside
functions too (grimp sees those), so a loop cannot hide behind a deferred
import.
"""

import ast
import os
import pathlib
import re
import tomllib

import grimp
import pytest
from importlinter import cli

from tools import arch_metrics

ROOT = pathlib.Path(__file__).resolve().parents[2]
PACKAGES = ('novaapi', 'novaclient')


@pytest.fixture(scope='module')
def graph():
    return grimp.build_graph(*PACKAGES, cache_dir=None)


def test_import_linter_contracts_are_kept(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    code = cli.lint_imports(config_filename=str(ROOT / 'pyproject.toml'), no_cache=True)
    out = capsys.readouterr().out
    assert code == 0, out[out.find('Broken contracts'):] or out


def _as_dict(graph):
    return {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}


def test_no_import_cycles_even_through_function_level_imports(graph):
    assert arch_metrics.cycles(_as_dict(graph)) == []


def test_cycle_finder_finds_a_loop():
    loop = grimp.ImportGraph()
    for name in ('a', 'a.b', 'a.c', 'a.d'):
        loop.add_module(name)
    loop.add_import(importer='a.b', imported='a.c')
    loop.add_import(importer='a.c', imported='a.b')
    loop.add_import(importer='a.c', imported='a.d')
    assert arch_metrics.cycles(_as_dict(loop)) == [['a.b', 'a.c']]


def test_no_registration_at_import_time():
    """Routes and rules are declared in tables, not added by modules as they are imported."""
    offenders = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob('*.py'):
            text = path.read_text()
            for marker in ('register_routes(', 'EXTRA_ROUTES', 'EXTRA_CONTROLLERS', 'policy.register('):
                if marker in text:
                    offenders.append('%s: %s' % (os.path.relpath(path, ROOT), marker))
    assert offenders == []
    assert not (ROOT / 'novaapi' / 'api' / 'resources.py').exists()


def _contract(name_start):
    with open(ROOT / 'pyproject.toml', 'rb') as f:
        contracts = tomllib.load(f)['tool']['importlinter']['contracts']
    (contract,) = [c for c in contracts if c['name'].startswith(name_start)]
    return [set(re.split(r'\s*[|:]\s*', layer.strip())) for layer in contract['layers']]


def test_every_compute_controller_is_in_the_independent_layer(graph):
    layers = _contract('Compute HTTP')
    helpers = set().union(*layers[2:])
    imported = graph.find_modules_directly_imported_by('novaapi.api.routes')
    # the kit (novaapi.web) lies below compute's layers
    controllers = {m for m in imported if m.startswith('novaapi.api.')} - helpers
    assert controllers == layers[1]


def test_every_compute_domain_module_has_a_layer(graph):
    layered = set().union(*_contract('Compute domain'))
    top_level = {'.'.join(m.split('.')[:3]) for m in graph.modules
                 if m.startswith('novaapi.compute.')}
    assert top_level == layered


def test_every_function_level_import_says_why_it_is_deferred():
    """Imports inside functions are for start-up time or optional extras, each with its reason."""
    silent = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob('*.py'):
            lines = path.read_text().splitlines()
            for func in ast.walk(ast.parse('\n'.join(lines))):
                if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                for node in ast.walk(func):
                    if isinstance(node, (ast.Import, ast.ImportFrom)) and \
                            not lines[node.lineno - 2].strip().startswith('# deferred: '):
                        silent.append('%s:%d' % (os.path.relpath(path, ROOT), node.lineno))
    assert silent == []
