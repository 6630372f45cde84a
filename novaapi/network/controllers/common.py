"""What the network controllers share: Neutron's request parsing, error bodies and JSON shapes."""

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
