"""Machine-readable output: ``-f/--format`` and ``-c/--column``.

``table`` is the python-novaclient output, untouched. ``json``, ``yaml``
and ``value`` turn what a command would draw as tables into data: a list
table becomes a list of objects keyed by its column titles, a
Property/Value table one object. ``-c`` keeps the named columns (or
properties), in every format. A command that draws no table but prints
text gives that text as one string (``value``: as it is).

While a command runs in a machine format its plain prints (progress,
"... has been deleted" lines) are held back; if the command drew a table
they go to stderr afterwards, so stdout holds nothing but the data.
"""

import io
import re
import sys

from novaclient import exceptions

FORMATS = ('table', 'json', 'yaml', 'value')
ENV_FORMAT = 'NOVA_OUTPUT_FORMAT'

_active = None


class Output:
    """The format and columns of this run, and the tables it collected."""

    def __init__(self, fmt='table', columns=()):
        self.format = fmt or 'table'
        self.columns = list(columns or ())
        self.documents = []

    @property
    def machine(self):
        return self.format != 'table'

    def select(self, names):
        """Indexes of ``names`` (table titles or keys) that ``-c`` keeps.

        :raises CommandError: a requested column is not in this output
        """
        if not self.columns:
            return list(range(len(names)))
        picked = []
        missing = []
        for wanted in self.columns:
            index = _index_of(names, wanted)
            if index is None:
                missing.append(wanted)
            elif index not in picked:
                picked.append(index)
        if missing:
            raise exceptions.CommandError(
                'No column %s in this output; its columns are: %s'
                % (', '.join(repr(m) for m in missing),
                   ', '.join(repr(n) for n in names)))
        return picked

    def add_list(self, fields, values, texts):
        """A list table: titles, native values and their table texts."""
        keep = self.select(fields)
        fields = [fields[i] for i in keep]
        self.documents.append(('list', fields,
                               [[row[i] for i in keep] for row in values],
                               [[row[i] for i in keep] for row in texts]))

    def add_dict(self, data, texts):
        """A Property/Value table: the data and each value's table text."""
        keys = sorted(data)
        keep = self.select(keys)
        keys = [keys[i] for i in keep]
        self.documents.append(('dict', keys, [data[k] for k in keys],
                               [texts[k] for k in keys]))

    def render(self, text=''):
        """The text for stdout once the command has run."""
        if not self.documents:
            if not text:
                return ''
            if self.format == 'value':
                return text
            return _dump(self.format, text.rstrip('\n')) + '\n'
        if self.format == 'value':
            return ''.join(_value_lines(doc) for doc in self.documents)
        data = [_data(doc) for doc in self.documents]
        return _dump(self.format, data[0] if len(data) == 1 else data) + '\n'


def _index_of(names, wanted):
    if wanted in names:
        return names.index(wanted)
    folded = [n.lower() for n in names]
    if wanted.lower() in folded:
        return folded.index(wanted.lower())
    return None


def _data(document):
    kind, keys, values, _texts = document
    if kind == 'dict':
        return dict(zip(keys, values))
    return [dict(zip(keys, row)) for row in values]


def _value_lines(document):
    kind, _keys, _values, texts = document
    if kind == 'dict':
        return ''.join('%s\n' % text for text in texts)
    return ''.join('%s\n' % '\t'.join(row) for row in texts)


def _dump(fmt, data):
    # deferred: json costs ~1 ms at start-up; only machine output needs it
    import json
    if fmt == 'json':
        return json.dumps(data, indent=4, ensure_ascii=False, default=str)
    return '\n'.join(_yaml(data, 0)) if isinstance(data, (dict, list)) \
        and data else _yaml_scalar(data)


# -- a small YAML writer: block mappings and sequences, JSON-style scalars --

_PLAIN = re.compile(r'[A-Za-z_/][\w ./:@+()-]*\Z')
_RESERVED = {'true', 'false', 'yes', 'no', 'on', 'off', 'null', 'y', 'n',
             '~', ''}


def _yaml_scalar(value):
    # deferred: json costs ~1 ms at start-up; only machine output needs it
    import json
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, (dict, list)):
        # NOTE: JSON is YAML's flow style; empty or nested values use it.
        return json.dumps(value, ensure_ascii=False, default=str)
    text = str(value)
    if (_PLAIN.match(text) and text.lower() not in _RESERVED
            and not text.endswith((' ', ':')) and ': ' not in text
            and ' #' not in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _yaml(data, indent):
    pad = ' ' * indent
    if isinstance(data, dict):
        lines = []
        for key, value in data.items():
            head = '%s%s:' % (pad, _yaml_scalar(str(key)))
            if isinstance(value, (dict, list)) and value:
                lines.append(head)
                lines.extend(_yaml(value, indent + 2))
            else:
                lines.append('%s %s' % (head, _yaml_scalar(value)))
        return lines
    lines = []
    for item in data:
        if isinstance(item, (dict, list)) and item:
            inner = _yaml(item, indent + 2)
            lines.append('%s- %s' % (pad, inner[0][indent + 2:]))
            lines.extend(inner[1:])
        else:
            lines.append('%s- %s' % (pad, _yaml_scalar(item)))
    return lines


# -- the run's output -------------------------------------------------------

def active():
    """The run's Output when it changes anything, else None."""
    return _active


def run(fmt, columns, command):
    """Run ``command()`` with this output format; returns its result."""
    global _active
    out = Output(fmt, columns)
    if not (out.machine or out.columns):
        return command()
    _active = out
    if not out.machine:
        try:
            return command()
        finally:
            _active = None
    held = io.StringIO()
    stdout = sys.stdout
    sys.stdout = held
    try:
        result = command()
    except BaseException:
        sys.stdout = stdout
        _active = None
        sys.stderr.write(held.getvalue())
        raise
    sys.stdout = stdout
    _active = None
    text = held.getvalue()
    if out.documents and text:
        sys.stderr.write(text)
    sys.stdout.write(out.render('' if out.documents else text))
    return result
