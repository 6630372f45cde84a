"""The query of ``GET /v2/images`` read as Glance reads it: filters with their operators,
``member_status``, sorting in either syntax, ``limit`` and ``marker``; its 400s in Glance's words.

A pure translation into the arguments of :func:`novaapi.image.api.list_images`; the
image endpoint reads its own query with it, and so does the compute API's image
proxy for the query a glanceclient would send.
"""

import datetime
import re

from novaapi import exception

DEFAULT_LIMIT = 25
MAX_LIMIT = 1000
SORT_KEYS = ('name', 'status', 'container_format', 'disk_format', 'size', 'id', 'created_at',
             'updated_at')
MEMBER_STATUSES = ('pending', 'accepted', 'rejected', 'all')
# Columns filtered with ``value``, ``eq:value`` or ``in:a,"b,c"``.
OPERATOR_COLUMNS = ('name', 'id', 'status', 'container_format', 'disk_format')
# Columns filtered with ``[op:]<ISO 8601 time>``.
TIME_COLUMNS = ('created_at', 'updated_at')
# Other columns a query key filters exactly; any other key names a custom property.
INTEGER_COLUMNS = ('size', 'virtual_size', 'min_ram', 'min_disk')
TEXT_COLUMNS = ('owner', 'checksum', 'os_hash_value', 'os_hash_algo')
TIME_OPERATORS = ('gt', 'gte', 'lt', 'lte', 'eq', 'neq')
_IN_VALUE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)",?|([^,]+),?|,')


VISIBILITIES = ('public', 'private', 'shared', 'community', 'all')


def bad_request(message):
    return exception.Invalid(message)


def _limit(raw):
    if raw is None:
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError:
        raise bad_request('limit param must be an integer') from None
    if limit < 0:
        raise bad_request('limit param must be positive')
    return min(limit, MAX_LIMIT)


def _sort_key(key):
    if key not in SORT_KEYS:
        raise bad_request('Invalid sort key: %s. It must be one of the following: %s.'
                          % (key, ', '.join(SORT_KEYS)))
    return key


def _sort_dir(direction):
    if direction not in ('asc', 'desc'):
        raise bad_request('Invalid sort direction: %s' % direction)
    return direction


def _sorting(params):
    """``(keys, dirs)`` from ``sort=k:d,...`` or the classic ``sort_key``/``sort_dir``."""
    keys, dirs = [], []
    if 'sort' in params:
        if 'sort_key' in params or 'sort_dir' in params:
            raise bad_request('Old and new sorting syntax cannot be combined')
        for item in params['sort'].strip().split(','):
            key, _sep, direction = item.partition(':')
            keys.append(_sort_key(key.strip()))
            dirs.append(_sort_dir(direction.strip() or 'desc'))
        return keys, dirs
    keys = [_sort_key(k.strip()) for k in params.getall('sort_key')]
    dirs = [_sort_dir(d.strip()) for d in params.getall('sort_dir')]
    if len(dirs) > 1 and len(dirs) != len(keys):
        raise bad_request('Number of sort dirs does not match the number of sort keys')
    return keys or ['created_at'], dirs or ['desc']


def _isotime(text):
    """A naive UTC datetime from ISO 8601 text, or None when it is not one."""
    try:
        value = datetime.datetime.fromisoformat(text.strip().replace('Z', '+00:00'))
    except ValueError:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def _split_op(expression):
    """Glance's ``split_filter_op``: a colon starts an operator unless the whole is a time."""
    left, sep, right = expression.partition(':')
    if sep and _isotime(expression) is None:
        return left, right
    return 'eq', expression


def _in_values(value):
    """Comma-separated values, double quotes protecting commas (Glance's rules and errors)."""
    opened = False
    for i, char in enumerate(value):
        if char != '"' or (i and value[i - 1] == '\\'):
            continue
        if not opened and i and value[i - 1] != ',':
            raise bad_request('Invalid filter value %s. There is no comma before opening '
                              'quotation mark.' % value)
        if opened and i + 1 != len(value) and value[i + 1] != ',':
            raise bad_request('Invalid filter value %s. There is no comma after closing '
                              'quotation mark.' % value)
        opened = not opened
    if opened:
        raise bad_request('Invalid filter value %s. The quote is not closed.' % value)
    return [m.group(1) or m.group(2) or '' for m in _IN_VALUE.finditer(value)]


def _boolean(params, name, default=None):
    raw = params.get(name)
    if raw is None:
        return default
    value = raw.lower() if name == 'os_hidden' else raw
    if value not in ('true', 'false'):
        raise bad_request("Invalid value '%s' for '%s' filter. Valid values are 'true' or "
                          "'false'." % (value, name))
    return value == 'true'


def _integer(raw, message):
    try:
        return int(raw)
    except ValueError:
        raise bad_request(message) from None


RESERVED = ('limit', 'marker', 'member_status', 'tag', 'sort', 'sort_key', 'sort_dir',
            'visibility', 'os_hidden', 'protected', 'changes-since')


def _filters(params, query):
    filters, comparisons, properties = {}, [], {}
    for key, raw in params.items():
        if key in RESERVED:
            continue
        if key.endswith(('_min', '_max')) and key[:-4] in INTEGER_COLUMNS:
            value = _integer(raw, 'Unable to filter on a range with a non-numeric value.')
            comparisons.append((key[:-4], 'gte' if key.endswith('_min') else 'lte', value))
        elif key in TIME_COLUMNS:
            op, text = _split_op(raw)
            when = _isotime(text)
            if when is None:
                raise bad_request('Bad "%s" query filter format. Use ISO 8601 DateTime '
                                  'notation.' % key)
            if op not in TIME_OPERATORS:
                raise bad_request('Unable to filter on a unknown operator.')
            comparisons.append((key, op, when))
        elif key in OPERATOR_COLUMNS:
            op, value = _split_op(raw)
            if op not in ('in', 'eq'):
                raise bad_request("Unable to filter by unknown operator '%s'." % op)
            filters[key] = _in_values(value) if op == 'in' else [value]
        elif key in INTEGER_COLUMNS:
            comparisons.append((key, 'eq', _integer(
                raw, "Invalid value '%s' for '%s' filter." % (raw, key))))
        elif key in TEXT_COLUMNS:
            comparisons.append((key, 'eq', raw))
        else:
            properties[key] = raw
    query.update(filters=filters, comparisons=comparisons, properties=properties)


def read(params):
    """The keyword arguments of :func:`novaapi.image.images.list_images` for a list query.

    :param params: the query (a WebOb MultiDict, or anything with ``in``, ``get``, ``getall``
        and ``items``)
    :raises exception.Invalid: Glance's words for a bad query
    """
    member_status = params.get('member_status', 'accepted')
    if member_status not in MEMBER_STATUSES:
        raise bad_request('Invalid status: %s' % member_status)
    visibility = params.get('visibility') or None
    if visibility is not None and visibility not in VISIBILITIES:
        raise bad_request('Invalid visibility value: %s' % visibility)
    if params.get('changes-since'):
        raise bad_request('The "changes-since" filter is no longer available on v2.')
    query = dict(limit=_limit(params.get('limit')), marker=params.get('marker'),
                 member_status=member_status, visibility=visibility,
                 tags=[t.strip() for t in params.getall('tag')],
                 hidden=_boolean(params, 'os_hidden', False))
    protected = _boolean(params, 'protected')
    query['sort_key'], query['sort_dir'] = _sorting(params)
    _filters(params, query)
    if protected is not None:
        query['comparisons'].append(('protected', 'eq', protected))
    return query
