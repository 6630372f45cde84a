"""What the block-storage controllers share: the call with its microversion, Cinder's error
mapping, body checks and list parameters."""

import json
import urllib.parse

from novaapi import exception
from novaapi.volume import microversions
from novaapi.web import app as web_app
from novaapi.web import errors as web_errors
from novaapi.web import responses

MAX_LIMIT = 1000


class Call(web_app.Call):
    """A handler's call: the request, the caller, and the microversion asked for."""

    def __init__(self, req, ctx, version):
        super().__init__(req, ctx)
        self.version = version

    def at_least(self, minor):
        return self.version >= (3, minor)

    @property
    def base_url(self):
        return self.req.host_url + self.req.script_name


def bad_request(message):
    return web_errors.ApiError(400, message)


def invalid(field, value, reason):
    """Cinder's jsonschema wording of a refused field."""
    return bad_request('Invalid input for field/attribute %s. Value: %s. %s'
                       % (field, value, reason))


def run(func, *args, **kwargs):
    """``func(...)`` (a domain call); its errors become Cinder's."""
    try:
        return func(*args, **kwargs)
    except exception.NovaException as err:
        headers = [('Retry-After', '0')] if err.code == 413 else None
        raise web_errors.ApiError(err.code, err.message, headers=headers) from None


def body(call, key=None):
    """The JSON object of the request (its ``key`` object when given)."""
    doc = call.body(bad_request)
    if key is None:
        return doc
    if key not in doc:
        raise invalid(key, json.dumps(doc), "'%s' is a required property" % key)
    if not isinstance(doc[key], dict):
        raise invalid(key, json.dumps(doc[key]), "%s is not of type 'object'"
                      % json.dumps(doc[key]))
    return doc[key]


def known(item, key, allowed):
    unknown = sorted(set(item) - set(allowed))
    if unknown:
        raise invalid(key, json.dumps(item), 'Additional properties are not allowed (%s %s '
                      'unexpected)' % (', '.join("'%s'" % u for u in unknown),
                                       'was' if len(unknown) == 1 else 'were'))


def string(item, field, max_length=255, nullable=True):
    value = item.get(field)
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise invalid(field, json.dumps(value), "%s is not of type 'string'" % json.dumps(value))
    if len(value) > max_length:
        raise invalid(field, value, "'%s' is too long" % value)
    return value


def metadata(item, field='metadata'):
    value = item.get(field)
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and 0 < len(k) <= 255 and len(v) <= 255
            for k, v in value.items()):
        raise invalid(field, json.dumps(value), 'Metadata keys and values must be strings of at '
                      'most 255 characters (keys not empty)')
    return dict(value)


def integer(value, field, minimum=None):
    """An integer (or a string of digits), at least ``minimum``."""
    number = value
    if isinstance(value, str) and value.strip().lstrip('-').isdigit():
        number = int(value)
    if not isinstance(number, int) or isinstance(number, bool):
        raise invalid(field, json.dumps(value), "%s is not of type 'integer', 'string'"
                      % json.dumps(value))
    if minimum is not None and number < minimum:
        raise invalid(field, value, '%s is less than the minimum of %d' % (value, minimum))
    return number


def boolean(value, field):
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ('true', '1', 'yes', 'y', 't', 'on'):
        return True
    if text in ('false', '0', 'no', 'n', 'f', 'off'):
        return False
    raise bad_request('Invalid value \'%s\' for %s: it must be a boolean.' % (value, field))


def paging(call):
    """``(limit, marker, offset)`` of a list request."""
    params = call.params
    limit = params.get('limit')
    if limit is not None:
        try:
            limit = int(limit)
            if limit < 0:
                raise ValueError
        except ValueError:
            raise bad_request('limit param must be an integer') from None
        limit = min(limit, MAX_LIMIT)
    offset = params.get('offset')
    try:
        offset = int(offset) if offset is not None else 0
        if offset < 0:
            raise ValueError
    except ValueError:
        raise bad_request('offset param must be an integer') from None
    return limit, params.get('marker'), offset


def sorting(call, allowed, default=(('created_at', 'desc'),)):
    """``[(key, dir)]`` from ``sort=k:d,...`` or ``sort_key``/``sort_dir``."""
    params = call.params
    sort = params.get('sort')
    if sort is not None and ('sort_key' in params or 'sort_dir' in params):
        raise bad_request("The 'sort_key' and 'sort_dir' parameters are deprecated and cannot "
                          "be used with the 'sort' parameter.")
    found = []
    if sort is not None:
        for part in sort.split(','):
            key, _sep, direction = part.strip().partition(':')
            found.append((key.strip(), (direction or 'desc').strip().lower()))
    elif 'sort_key' in params or 'sort_dir' in params:
        found.append((params.get('sort_key', 'created_at'),
                      params.get('sort_dir', 'desc').lower()))
    else:
        return list(default)
    for key, direction in found:
        if key == 'display_name':
            key = 'name'
        if key not in allowed:
            raise bad_request('Invalid input received: Invalid sort key')
        if direction not in ('asc', 'desc'):
            raise bad_request("Invalid input received: Unknown sort direction, must be "
                              "'desc' or 'asc'")
    return [('name' if k == 'display_name' else k, d) for k, d in found]


def project_in_url(call):
    """The token's project when the request's URL names it, else '' (links follow the URL)."""
    project_id = call.ctx.project_id
    return project_id if project_id and '/v3/%s' % project_id in call.req.url else ''


def collection_links(call, collection, items, limit):
    """Cinder's ``<collection>_links``: a ``next`` link when the page is full."""
    if not items or (limit is None and len(items) < MAX_LIMIT) or \
            (limit is not None and len(items) < limit):
        return None
    params = [(k, v) for k, v in call.params.items() if k != 'marker']
    params.append(('marker', items[-1]['id']))
    prefix = '/'.join(filter(None, (call.base_url + '/v3', project_in_url(call), collection)))
    return [{'rel': 'next', 'href': '%s?%s' % (prefix, urllib.parse.urlencode(params))}]


def listing(call, key, items, total, limit, collection=None):
    doc = {key: items}
    links = collection_links(call, collection or key, items, limit)
    if links:
        doc[key + '_links'] = links
    if call.at_least(45) and boolean(call.params.get('with_count', False), 'with_count'):
        doc['count'] = total
    return responses.json_response(doc)


def ok(doc, status=200):
    return responses.json_response(doc, status=status)


def empty(status=202):
    """A response without a body (202 by default, as Cinder's actions answer)."""
    resp = responses.json_response({}, status=status)
    resp.body = b''
    resp.headers.pop('Content-Type', None)
    return resp


def accepted():
    return empty(202)
