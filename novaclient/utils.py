"""CLI helpers: argument decorators, env lookup, lookups and table printing.

Nothing here imports keystoneauth1 or requests; prettytable is imported
only when a table is printed.
"""

import os
import re

from novaclient import exceptions
from novaclient import output

VALID_KEY_REGEX = re.compile(r'[\w\.\- :]+$', re.UNICODE)
_UUID_RE = re.compile(r'^[0-9a-f]{32}$')
_TRUE = ('1', 't', 'true', 'on', 'y', 'yes')
_FALSE = ('0', 'f', 'false', 'off', 'n', 'no')


def env(*names, **kwargs):
    """First non-empty environment variable of ``names``, else ``default``."""
    for name in names:
        value = os.environ.get(name)
        if value:
            return value
    return kwargs.get('default', '')


def arg(*args, **kwargs):
    """Attach an argparse argument to a ``do_*`` command.

    Extra keys: ``start_version``/``end_version`` (the argument exists only
    in that microversion window) and ``group`` (mutually exclusive group).
    """
    def decorator(func):
        add_arg(func, *args, **kwargs)
        return func
    return decorator


def add_arg(func, *args, **kwargs):
    """Record ``(args, kwargs)`` on ``func.arguments`` in reading order."""
    if not hasattr(func, 'arguments'):
        func.arguments = []
    if (args, kwargs) not in func.arguments:
        # NOTE: decorators apply bottom-up; inserting at the front keeps
        # the help in the order the decorators are written.
        func.arguments.insert(0, (args, kwargs))


def unauthenticated(func):
    """Mark a command as needing no token."""
    func.unauthenticated = True
    return func


def isunauthenticated(func):
    return getattr(func, 'unauthenticated', False)


def service_type(stype):
    """Mark a command as talking to another service type."""
    def decorator(func):
        func.service_type = stype
        return func
    return decorator


def get_service_type(func):
    return getattr(func, 'service_type', None)


def bool_from_string(value, strict=False, default=False):
    """Interpret 'yes'/'no'-like text; strict mode rejects anything else."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if strict:
        raise ValueError(
            "Unrecognized value '%s', acceptable values are: %s"
            % (value, pretty_choice_list(_TRUE + _FALSE)))
    return default


def is_integer_like(value):
    try:
        int(value)
        return True
    except (TypeError, ValueError, AttributeError):
        return False


def is_uuid_like(value):
    """Whether ``value`` is a UUID, with or without dashes/braces/urn."""
    if not isinstance(value, str):
        return False
    text = value.lower()
    for prefix in ('urn:', 'uuid:'):
        if text.startswith(prefix):
            text = text[len(prefix):]
    text = text.strip('{}').replace('-', '')
    return bool(_UUID_RE.match(text))


def to_slug(value):
    """Lower-case ASCII slug: accents dropped, runs of space/dash -> '-'."""
    # deferred: unicodedata (a C extension) costs ~0.2 ms; human_id only
    import unicodedata
    text = unicodedata.normalize('NFKD', str(value))
    text = text.encode('ascii', 'ignore').decode('ascii')
    text = re.sub(r'[^\w\s-]', '', text).strip().lower()
    return re.sub(r'[-\s]+', '-', text)


def pretty_choice_list(values):
    return ', '.join("'%s'" % value for value in values)


def pretty_choice_dict(values):
    return pretty_choice_list(['%s=%s' % (k, values[k]) for k in sorted(values)])


_PLAIN = re.compile(r'[ -~]*\Z')


def _render(fields, rows, sortby_index=None):
    """A left-aligned table exactly as PrettyTable draws it.

    Plain one-line ASCII text is laid out here; anything else (wide or
    combining characters, escapes, line breaks, values that are not
    strings when sorting, duplicate titles) is left to PrettyTable and its wcwidth
    measurements, whose import costs more than drawing a plain table.
    """
    if sortby_index is None:
        # PrettyTable shows a value as str(value); only sorting sees types.
        rows = [[cell if isinstance(cell, str) else str(cell) for cell in row]
                for row in rows]
    plain = len(set(fields)) == len(fields) and all(
        isinstance(text, str) and _PLAIN.match(text)
        for text in fields + [cell for row in rows for cell in row])
    if not plain:
        return _prettytable(fields, rows, sortby_index)
    if sortby_index is not None:
        # PrettyTable sorts on the sort column, then on the whole row.
        rows = sorted(rows, key=lambda row: [row[sortby_index]] + row)
    widths = [max([len(field)] + [len(row[i]) for row in rows])
              for i, field in enumerate(fields)]
    rule = '+' + '+'.join('-' * (width + 2) for width in widths) + '+'

    def line(cells):
        return '|' + '|'.join(' %s ' % cell.ljust(width)
                              for cell, width in zip(cells, widths)) + '|'

    return '\n'.join([rule, line(fields), rule] + [line(row) for row in rows]
                     + [rule])


def _prettytable(fields, rows, sortby_index=None):
    # deferred: prettytable and wcwidth cost ~3.5 ms; plain tables skip them
    import prettytable
    table = prettytable.PrettyTable(fields)
    table.align = 'l'
    for row in rows:
        table.add_row(row)
    if sortby_index is None:
        return table.get_string()
    return table.get_string(sortby=fields[sortby_index])


def _attr(field):
    return field if field == 'serverId' else field.lower().replace(' ', '_')


def _cell(obj, field):
    data = getattr(obj, _attr(field), '')
    if data is None:
        data = '-'
    return str(data).replace('\r', '')


def _value(obj, field):
    data = getattr(obj, _attr(field), '')
    return data.replace('\r', '') if isinstance(data, str) else data


def print_list(objs, fields, formatters=None, sortby_index=None):
    """Print objects as a left-aligned table, one column per field.

    A field's attribute is its lower-cased name with spaces as ``_``;
    ``formatters`` maps a field to ``f(obj) -> text``. ``sortby_index``
    picks the column to sort by (None keeps the given order). Under
    ``-f``/``-c`` (see :mod:`novaclient.output`) the rows go there.
    """
    formatters = formatters or {}
    fields = list(fields)
    rows = [[formatters[f](obj) if f in formatters else _cell(obj, f)
             for f in fields] for obj in objs]
    out = output.active()
    if out is None:
        print(_render(fields, rows, sortby_index))
        return
    order = list(range(len(rows)))
    if sortby_index is not None:
        order.sort(key=lambda i: [rows[i][sortby_index]] + rows[i])
    rows = [rows[i] for i in order]
    if not out.machine:
        keep = out.select(fields)
        print(_render([fields[i] for i in keep],
                      [[row[i] for i in keep] for row in rows]))
        return
    objs = [objs[i] for i in order]
    values = [[formatters[f](obj) if f in formatters else _value(obj, f)
               for f in fields] for obj in objs]
    texts = [[str(cell).replace('\r', '') for cell in row] for row in rows]
    out.add_list(fields, values, texts)


def _dict_rows(key, value, wrap):
    # deferred: json costs ~1 ms at start-up; only nested values need it
    import json
    # deferred: textwrap costs ~0.6 ms at start-up; only --wrap needs it
    import textwrap
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    if wrap > 0:
        value = textwrap.fill(str(value), wrap)
    # NOTE: novaclient splits on the two characters backslash-n (as found
    # in JSON-dumped tracebacks), not on real newlines; we keep that.
    if value and isinstance(value, str) and ('\\n' in value or '\r' in value):
        lines = value.replace('\r', '').strip().split('\\n')
        return [[key if i == 0 else '', line] for i, line in enumerate(lines)]
    return [[key, '-' if value is None else value]]


def _text(value):
    # deferred: json costs ~1 ms at start-up; only nested values need it
    import json
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return '-' if value is None else str(value)


def print_dict(d, dict_property='Property', dict_value='Value', wrap=0):
    """Print a two-column table of ``d`` with keys sorted (or, under
    ``-f``/``-c``, hand it to :mod:`novaclient.output`)."""
    out = output.active()
    if out is not None and out.machine:
        out.add_dict(dict(d), {key: _text(value) for key, value in d.items()})
        return
    if out is not None:
        keys = sorted(d)
        d = {keys[i]: d[keys[i]] for i in out.select(keys)}
    rows = [row for key, value in sorted(d.items())
            for row in _dict_rows(key, value, wrap)]
    print(_render([dict_property, dict_value], rows))


def flatten_dict(data):
    """Merge nested dicts into one level, joining keys with ``_``.

    String values holding JSON are decoded first.
    """
    # deferred: json costs ~1 ms at start-up; only hypervisor-show calls it
    import json
    data = dict(data)
    for key, value in data.items():
        if isinstance(value, str):
            try:
                data[key] = json.loads(value)
            except ValueError:
                pass
    return dict(_flatten(data))


def _flatten(data, prefix=None):
    if not isinstance(data, dict):
        yield prefix, data
        return
    for key, value in data.items():
        new_key = '%s_%s' % (prefix, key) if prefix else key
        if isinstance(value, (dict, list)) and value:
            yield from _flatten(value, new_key)
        else:
            yield new_key, value


def _no_such(manager, name_or_id):
    return "No %s with a name or ID of '%s' exists." % (
        manager.resource_class.__name__.lower(), name_or_id)


def find_resource(manager, name_or_id, wrap_exception=True, **find_args):
    """Resolve a name or ID in the order novaclient uses.

    Alphanumeric-id managers try ``get`` first; then a UUID ``get``; then
    exact name, then human id (slug), then ``get(int(x))``.

    :raises CommandError: nothing or several things matched (or the
        NotFound/NoUniqueMatch originals when ``wrap_exception`` is False)
    """
    if getattr(manager, 'is_alphanum_id_allowed', False):
        try:
            return manager.get(name_or_id)
        except exceptions.NotFound:
            pass
    if is_uuid_like(name_or_id):
        try:
            return manager.get(name_or_id)
        except exceptions.NotFound:
            pass
    resource_class = getattr(manager, 'resource_class', None)
    name_attr = resource_class.NAME_ATTR if resource_class else 'name'
    try:
        for key in (name_attr, 'human_id'):
            try:
                return manager.find(**dict(find_args, **{key: name_or_id}))
            except exceptions.NotFound:
                pass
    except exceptions.NoUniqueMatch:
        msg = ("Multiple %s matches found for '%s', use an ID to be more "
               "specific." % (resource_class.__name__.lower(), name_or_id))
        if wrap_exception:
            raise exceptions.CommandError(msg)
        raise exceptions.NoUniqueMatch(msg)
    try:
        return manager.get(int(name_or_id))
    except (TypeError, ValueError, exceptions.NotFound):
        if wrap_exception:
            raise exceptions.CommandError(_no_such(manager, name_or_id))
        raise exceptions.NotFound(404, _no_such(manager, name_or_id))


def format_servers_list_networks(server):
    """``net=ip1, ip2; net2=ip3`` for a server's addresses."""
    groups = []
    for network, addresses in server.networks.items():
        if addresses:
            groups.append('%s=%s' % (network, ', '.join(addresses)))
    return '; '.join(groups)


def format_security_groups(groups):
    return ', '.join(group['name'] for group in groups)


def _format_field_name(attr):
    parts = attr.rsplit(':', 1)
    name = parts[-1].replace('_', ' ')
    if name.isupper() or name.islower():
        name = name.title()
    parts[-1] = name
    return ': '.join(parts)


def make_field_formatter(attr, filters=None):
    """Return ``(column title, formatter)`` for a ``--fields`` attribute."""
    filter_ = (filters or {}).get(attr)

    def get_field(obj):
        value = getattr(obj, attr, '')
        if value and filter_:
            value = filter_(value)
        return value

    return _format_field_name(attr), get_field


def _resource_string(resource):
    human_id = getattr(resource, 'human_id', None)
    res_id = getattr(resource, 'id', None)
    if human_id:
        return '%s (%s)' % (human_id, res_id) if res_id else human_id
    return res_id or resource


def do_action_on_many(action, resources, success_msg, error_msg):
    """Run ``action`` on each resource, print per-item lines, fail at end."""
    failed = False
    for resource in resources:
        try:
            action(resource)
            print(success_msg % _resource_string(resource))
        except Exception as exc:
            failed = True
            print(exc)
    if failed:
        raise exceptions.CommandError(error_msg)


def validate_flavor_metadata_keys(keys):
    for key in keys:
        if not VALID_KEY_REGEX.match(key):
            raise exceptions.CommandError(
                'Invalid key: "%s". Keys may only contain letters, numbers, '
                'spaces, underscores, periods, colons and hyphens.' % key)


def prepare_query_string(params):
    """``?k=v&...`` with keys sorted, or '' for no params."""
    if not params:
        return ''
    # deferred: urllib.parse costs ~1.6 ms at start-up; only managers need it
    from urllib import parse
    return '?%s' % parse.urlencode(sorted(params.items(), key=lambda x: x[0]))


def query_keys(query):
    """The parameter names of a URL query string."""
    return {part.partition('=')[0] for part in query.split('&') if part}


def get_url_with_filter(url, filters):
    return url + prepare_query_string(filters)
