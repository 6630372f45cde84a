"""-f/--format and -c/--column: the same rows as the table, as data."""

import json

import pytest
import yaml

from novaclient import output
from tests.unit.novaclient import fixture_data
from tests.unit.novaclient.fixture_data import servers as server_data


def _table(text):
    return [[cell.strip() for cell in line[1:-1].split('|')]
            for line in text.splitlines() if line.startswith('|')]


def _as_text(value):
    if value is None:
        return '-'
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@pytest.mark.parametrize('command', ['list', 'flavor-list', 'keypair-list', 'service-list'])
def test_json_list_matches_the_table(nova, command):
    table = _table(nova(command))
    data = json.loads(nova(command + ' -f json'))
    assert [list(row) for row in data] == [table[0]] * len(data)
    assert [[_as_text(v) for v in row.values()] for row in data] == table[1:]


@pytest.mark.parametrize('command', ['show sample-server', 'flavor-show 1'])
def test_json_show_matches_the_table(nova, command):
    table = dict(row for row in _table(nova(command))[1:] if row[0])
    data = json.loads(nova('-f json ' + command))
    assert isinstance(data, dict) and sorted(data) == sorted(table)
    for key, value in data.items():
        assert _as_text(value).startswith(table[key].split('\\n')[0]), key


def test_yaml_parses_to_the_json(nova):
    for command in ('list', 'show sample-server', 'flavor-list --extra-specs', 'limits'):
        assert yaml.safe_load(nova(command + ' -f yaml')) == json.loads(
            nova(command + ' -f json')), command


def test_value_is_tab_separated_rows(nova):
    table = _table(nova('flavor-list'))
    assert nova('flavor-list -f value').splitlines() == ['\t'.join(r) for r in table[1:]]
    assert nova('flavor-list -f value -c Name -c ID').splitlines() == [
        '%s\t%s' % (r[1], r[0]) for r in table[1:]]


def test_column_works_with_tables_and_ignores_case(nova):
    out = nova('show sample-server -c status -c NAME')
    assert _table(out) == [['Property', 'Value'], ['name', 'sample-server'],
                           ['status', 'ACTIVE']]
    assert nova('-f value show sample-server -c status') == 'ACTIVE\n'


def test_unknown_column_is_an_error(nova):
    result = nova.run_result('flavor-list -c Bogus')
    assert result.code == 1 and result.out == ''
    assert result.err.startswith("ERROR (CommandError): No column 'Bogus' in this output")


def test_environment_sets_the_default_and_flags_win(nova):
    nova.env(NOVA_OUTPUT_FORMAT='json')
    assert isinstance(json.loads(nova('flavor-list')), list)
    assert nova('flavor-list -f table').startswith('+----')
    assert nova('-f table flavor-list -f value').startswith('1\tm1.tiny')


def test_plain_text_commands_give_a_string(nova):
    nova.m.post(fixture_data.url('/servers/%s/action' % server_data.SERVER_ID),
                json={'output': 'boot\nlogin: '})
    text = nova('console-log sample-server')
    assert text.count('\n') > 1
    assert json.loads(nova('console-log sample-server -f json')) == text.rstrip('\n')
    assert nova('console-log sample-server -f value') == text


def test_text_beside_a_table_goes_to_stderr(nova):
    result = nova.run_result('version-list -f json')
    assert result.code == 0 and result.err.startswith('Client supported API versions:\n')
    assert [v['Id'] for v in json.loads(result.out)] == ['v2.0', 'v2.1']


def test_table_output_is_unchanged(nova):
    assert nova('-f table flavor-list') == nova('flavor-list')
    assert nova('show sample-server --format table') == nova('show sample-server')


def test_errors_stay_on_stderr(nova):
    result = nova.run_result('show nosuch -f json')
    assert result.code == 1 and result.out == ''
    assert result.err == "ERROR (CommandError): No server with a name or ID of 'nosuch' exists.\n"
    result = nova.run_result('list -f xml')
    assert result.code == 2 and "invalid choice: 'xml'" in result.err


def test_help_documents_the_options(nova):
    helped = nova('help')
    assert '-f/--format <format>' in helped and 'NOVA_OUTPUT_FORMAT' in helped
    assert '-c/--column <column>' in helped
    # Usage lines stay python-novaclient's.
    assert '[-f' not in helped and '--format' not in nova('help list')


@pytest.mark.parametrize('value, text', [
    ('m1.tiny', 'm1.tiny'), ('1', '"1"'), ('yes', '"yes"'), ('', '""'), (None, 'null'),
    (True, 'true'), (3, '3'), ('a: b', '"a: b"'), ('2026-01-01T00:00:00Z', '"2026-01-01T00:00:00Z"'),
    ('.5', '".5"'), ({'k': [1]}, '{"k": [1]}'), ('OS-EXT-STS:vm_state', 'OS-EXT-STS:vm_state')])
def test_yaml_scalars(value, text):
    assert output._yaml_scalar(value) == text
    assert yaml.safe_load('x: %s' % text) == {'x': value}


def test_yaml_nesting():
    data = [{'a': 1, 'b': {'c': [1, {'d': None}]}, 'e': []}, 'f']
    assert yaml.safe_load(output._dump('yaml', data)) == data
