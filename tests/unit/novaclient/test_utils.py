"""Tables are drawn exactly as PrettyTable draws them, with or without PrettyTable."""

import pathlib
import random
import string
import subprocess
import sys

import pytest

from novaclient import utils

# NOTE: child interpreters start at the checkout's root: started in tests/unit, their
# ``import novaclient`` would find tests/unit/novaclient before an editable install.
ROOT = pathlib.Path(__file__).resolve().parents[3]

CASES = [
    (['ID', 'Name'], []),
    (['Property', 'Value'], [['id', '1'], ['name', 'm1.tiny'], ['extra_specs', '{}']]),
    (['A', 'B', 'C'], [['', '', ''], ['x', 'a longer cell with spaces ', '-']]),
    (['Name', 'Status'], [['b', 'ACTIVE'], ['a', 'SHUTOFF'], ['a', 'ACTIVE'], ['B', 'x']]),
    (['Key'], [['a|b'], ['+--+'], ['~!@#$%^&*()_+`']]),
    # Not plain: left to PrettyTable.
    (['Name', 'Value'], [['caf\u00e9', '\u4e2d\u6587'], ['x', 'y']]),
    (['Name', 'Value'], [['multi', 'line 1\nline 2']]),
    (['Name', 'Value'], [['n', 7], ['f', 1.5], ['b', True], ['none', None], ['l', [1, 'a']]]),
    (['Name', 'Value'], [['tab', 'a\tb'], ['n', 7]]),
]


def _sortable(fields, rows):
    # PrettyTable cannot sort mixed types; a sort column must exist.
    mixed = any(not isinstance(cell, str) for row in rows for cell in row)
    return [None] + ([] if mixed else list(range(min(2, len(fields)))))


@pytest.mark.parametrize('fields,rows,sortby_index', [
    (fields, rows, index) for fields, rows in CASES for index in _sortable(fields, rows)])
def test_same_as_prettytable(fields, rows, sortby_index):
    expected = utils._prettytable(fields, [list(r) for r in rows], sortby_index)
    assert utils._render(fields, [list(r) for r in rows], sortby_index) == expected


def test_random_plain_tables_match():
    rng = random.Random(7)
    alphabet = string.ascii_letters + string.digits + ' -_:.{}"[],|+'
    for _ in range(200):
        ncols = rng.randint(1, 5)
        fields = ['F%d%s' % (i, 'x' * rng.randint(0, 6)) for i in range(ncols)]
        rows = [[''.join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
                 for _ in range(ncols)] for _ in range(rng.randint(0, 6))]
        sortby = rng.choice([None] + list(range(ncols)))
        assert utils._render(fields, rows, sortby) == utils._prettytable(fields, rows, sortby)


def test_plain_tables_skip_prettytable_and_wcwidth():
    code = ('import sys; from novaclient import utils; '
            'utils.print_list([], ["ID", "Name"]); utils.print_dict({"a": 1, "b": None}); '
            'print(sorted(m for m in sys.modules if m.split(".")[0] in ("prettytable", "wcwidth")))')
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, cwd=ROOT).stdout
    assert out.splitlines()[-1] == '[]'
    assert '| b        | -     |' in out
