"""What the network controllers share: Neutron's request parsing, error bodies, JSON shapes and
the way every collection lists (filters, fields, sorting, paging, tag filters)."""

import urllib.parse

from novaapi import exception
from novaapi.network import converters
from novaapi.network import views
from novaapi.web import errors as web_errors
from novaapi.web import responses


def bad_request(message):
    return web_errors.ApiError(400, message, kind='HTTPBadRequest')


def domain_error(err):
    """The ApiError of a domain exception: its class names the Neutron type; Neutron's 404 words."""
    message = err.message
    if isinstance(err, exception.NetworkNotFound):
        message = 'Network %s could not be found.' % err.kwargs['network_id']
    elif isinstance(err, exception.PortNotFound):
        message = 'Port %s could not be found.' % err.kwargs['port_id']
    return web_errors.ApiError(err.code, message, kind=type(err).__name__)


def run(func, *args):
    """``func(*args)`` (a domain call); its errors become Neutron's."""
    try:
        return func(*args)
    except exception.NovaException as err:
        raise domain_error(err) from None


def filters(call, columns, booleans=()):
    """``{column: [values]}`` from repeatable query parameters; ``tenant_id`` means project."""
    found = {}
    for param, column in columns.items():
        values = call.params.getall(param)
        if values:
            if param in booleans:
                values = [run(converters.to_bool, v) for v in values]
            found.setdefault(column, []).extend(values)
    return found


def listing(call, key, render, rows):
    """``{key: [row views]}``, cut to the ``fields`` asked for."""
    fields = call.params.getall('fields')
    return responses.json_response({key: [views.only_fields(render(r), fields) for r in rows]})


def show(call, key, render, row, status=200):
    """``{key: row view}``, cut to the ``fields`` asked for."""
    return responses.json_response({key: views.only_fields(render(row), call.params.getall('fields'))},
                              status=status)


def resources(call, key, plural, allowed):
    """``([objects], bulk)``: the ``key`` object or the ``plural`` list of a create's body.

    :raises: a 400 for anything else, or attributes outside ``allowed``
    """
    body = call.body(bad_request)
    if plural in body and key not in body:
        items = body[plural]
        if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
            raise bad_request("Unable to find '%s' in request body" % key)
        for item in items:
            _known(item, allowed)
        return [dict(i) for i in items], True
    item = body.get(key)
    if not isinstance(item, dict):
        raise bad_request("Unable to find '%s' in request body" % key)
    _known(item, allowed)
    return [dict(item)], False


def _known(item, allowed):
    unknown = sorted(set(item) - set(allowed))
    if unknown:
        raise bad_request("Unrecognized attribute(s) '%s'" % ', '.join(unknown))


def show_many(call, key, render, rows):
    """``{key: [row views]}`` of a bulk create (201)."""
    return responses.json_response({key: [render(r) for r in rows]}, status=201)


def resource(call, key, allowed):
    """The ``key`` object of the request body; attributes outside ``allowed`` are a 400."""
    body = call.body(bad_request)
    item = body.get(key)
    if not isinstance(item, dict):
        raise bad_request("Unable to find '%s' in request body" % key)
    unknown = sorted(set(item) - set(allowed))
    if unknown:
        raise bad_request("Unrecognized attribute(s) '%s'" % ', '.join(unknown))
    return dict(item)


LIST_PARAMS = ('fields', 'sort_key', 'sort_dir', 'limit', 'marker', 'page_reverse', 'tags',
               'tags-any', 'not-tags', 'not-tags-any')


def _matches(value, wanted):
    """Whether a view value passes one filter value (a query string)."""
    if isinstance(value, bool):
        return value == run(converters.to_bool, wanted)
    if value is None:
        return wanted in ('', 'None')
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            key, _sep, expected = wanted.partition('=')
            return any(str(item.get(key)) == expected for item in value)
        return wanted in [str(v) for v in value]
    return str(value) == wanted


def _tag_set(call, name):
    found = set()
    for value in call.params.getall(name):
        found.update(t for t in value.split(',') if t)
    return found


def _filtered(call, items, known):
    """``items`` (views) kept by the query's filters; unknown filter names are a 400."""
    names = [n for n in dict.fromkeys(call.params.keys()) if n not in LIST_PARAMS]
    if 'tenant_id' in names and 'project_id' in names:
        raise web_errors.ApiError(400, 'Filtering on both tenant_id and project_id is not '
                                  'allowed.', kind='TenantIdProjectIdFilterConflict')
    for name in names:
        if name not in known:
            raise bad_request('%s is invalid attribute for filtering' % name)
        wanted = call.params.getall(name)
        items = [i for i in items if any(_matches(i.get(name), w) for w in wanted)]
    every, any_of = _tag_set(call, 'tags'), _tag_set(call, 'tags-any')
    not_every, not_any = _tag_set(call, 'not-tags'), _tag_set(call, 'not-tags-any')
    if every:
        items = [i for i in items if every <= set(i.get('tags') or ())]
    if any_of:
        items = [i for i in items if any_of & set(i.get('tags') or ())]
    if not_every:
        items = [i for i in items if not not_every <= set(i.get('tags') or ())]
    if not_any:
        items = [i for i in items if not not_any & set(i.get('tags') or ())]
    return items


def _sort_value(value):
    if value is None:
        return (0, '')
    if isinstance(value, (bool, int)):
        return (1, int(value))
    return (2, str(value))


def _sorted(call, items, known):
    keys, dirs = call.params.getall('sort_key'), call.params.getall('sort_dir')
    if not keys and not dirs:
        return items
    if dirs and len(keys) != len(dirs):
        raise bad_request('The number of sort_keys and sort_dirs must be same')
    for key in keys:
        if key not in known:
            raise bad_request('%s is invalid attribute for sort_keys' % key)
    dirs = dirs or ['asc'] * len(keys)
    for direction in dirs:
        if direction not in ('asc', 'desc'):
            raise bad_request("%s is invalid value for sort_dirs, valid value is 'asc' and "
                              "'desc'" % direction)
    for key, direction in reversed(list(zip(keys, dirs, strict=True))):
        items = sorted(items, key=lambda i, k=key: _sort_value(i.get(k)),
                       reverse=direction == 'desc')
    return items


def _href(call, params):
    query = urllib.parse.urlencode(params, doseq=True)
    return '%s%s?%s' % (call.req.host_url + call.req.script_name, call.req.path_info, query)


def _page(call, key, items):
    """``(page, links)``: the ``limit``/``marker``/``page_reverse`` page of ``items``."""
    text = call.params.get('limit')
    if text is None:
        return items, None
    try:
        limit = int(text)
        if limit < 0:
            raise ValueError
    except ValueError:
        raise web_errors.ApiError(400, "Bad limit request: Limit must be an integer 0 or greater "
                                  "and not '%s'." % text, kind='BadRequest') from None
    reverse = run(converters.to_bool, call.params.get('page_reverse', 'False'))
    marker = call.params.get('marker')
    ids = [i.get('id') for i in items]
    if marker is not None:
        if marker not in ids:
            raise web_errors.ApiError(404, 'Marker %s could not be found.' % marker,
                                      kind='HTTPNotFound')
        at = ids.index(marker)
        items = items[:at] if reverse else items[at + 1:]
    if limit == 0:
        return items, None
    page = items[-limit:] if reverse else items[:limit]
    links = []
    params = [(k, v) for k, v in call.params.items() if k not in ('marker', 'page_reverse')]
    if not (len(page) < limit and not reverse):
        links.append({'rel': 'next', 'href': _href(
            call, params + ([('marker', page[-1]['id'])] if page else []))})
    if not (len(page) < limit and reverse):
        links.append({'rel': 'previous', 'href': _href(
            call, params + ([('marker', page[0]['id'])] if page else []) +
            [('page_reverse', 'True')])})
    return page, links


def collection(call, key, render, rows, extra_filters=()):
    """Neutron's list body of ``rows``: filtered by any attribute, sorted, paged, cut to ``fields``.

    :param extra_filters: filter names the resource accepts beyond its attributes
    """
    items = [render(r) for r in rows]
    known = set(items[0]) | set(extra_filters) if items else None
    if known is None:
        known = _ALWAYS | set(extra_filters)
        names = [n for n in call.params.keys() if n not in LIST_PARAMS]
        known |= set(names)
    items = _filtered(call, items, known)
    items = _sorted(call, items, known | _ALWAYS)
    page, links = _page(call, key, items)
    fields = call.params.getall('fields')
    body = {key: [views.only_fields(i, fields) for i in page]}
    if links is not None:
        body[key + '_links'] = links
    return responses.json_response(body)


_ALWAYS = {'id', 'name', 'project_id', 'tenant_id', 'description', 'created_at', 'updated_at',
           'revision_number', 'tags'}
