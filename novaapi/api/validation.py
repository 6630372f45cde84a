"""JSON-schema validation of request bodies and query strings, with Nova's messages.

The kit (:mod:`novaapi.web.validation`) picks the schema by microversion and
finds the first error; this module words it as Nova does.
"""

import re

import jsonschema
from oslo_utils import timeutils

from novaapi.api import wsgi
from novaapi.web import validation


def _as_number(instance):
    """Numbers, and strings that read as numbers, for Nova's bounds; None for anything else."""
    for parse in (int, float):
        try:
            return parse(instance)
        except (TypeError, ValueError, OverflowError):
            continue
    return None


def _bound(keyword):
    check = jsonschema.Draft4Validator.VALIDATORS[keyword]

    def validate(validator, limit, instance, schema):
        number = _as_number(instance)
        if number is None:
            return ()
        return check(validator, limit, number, schema)
    return validate


# Nova holds numeric strings ('10') to minimum and maximum too.
_COMPUTE_VALIDATOR = jsonschema.validators.extend(
    jsonschema.Draft4Validator, {'minimum': _bound('minimum'), 'maximum': _bound('maximum')})


_FORMATS = jsonschema.FormatChecker()


@_FORMATS.checks('regex', raises=re.error)
def _regex(instance):
    """Nova's 'regex': a string that compiles, and not the empty one (it filters nothing)."""
    if not isinstance(instance, str):
        return True
    return bool(instance) and re.compile(instance) is not None


@_FORMATS.checks('date-time')
def _date_time(instance):
    """Nova's 'date-time': what ISO 8601 parsing (oslo's parse_isotime) reads."""
    if not isinstance(instance, str):
        return True
    try:
        timeutils.parse_isotime(instance)
    except ValueError:
        return False
    return True


def _make(schema):
    return _COMPUTE_VALIDATOR(schema, format_checker=_FORMATS)


def _message_for(error, kind):
    """Nova's wording: the innermost field, its value, then jsonschema's message."""
    if not error.path:
        return error.message
    label = 'field/attribute' if kind == 'body' else 'query parameters'
    return 'Invalid input for %s %s. Value: %s. %s' % (label, error.path[-1], error.instance, error.message)


def _in_window(req, min_version, max_version):
    return req.is_version(min_version, max_version)


def _windowed(schemas):
    """Schemas picked by the request's microversion: one, or ``[(min, max, schema)]``."""
    return validation.Windowed(schemas, _in_window, make=_make)


def schema(schemas):
    """Validate the JSON body with one schema, or the first matching ``(min, max, schema)``."""
    windows = _windowed(schemas)

    def validate(req, body):
        error = windows.first_error(req, body)
        if error is not None:
            raise wsgi.Fault(400, _message_for(error, 'body'))

    return _attach(validate)


def query_schema(schemas):
    """Validate ``req.GET`` (values as lists of strings, like Nova) against a schema."""
    windows = _windowed(schemas)

    def validate(req, _body):
        if windows.pick(req) is None:
            return
        query = {key: req.GET.getall(key) for key in req.GET.keys()}
        error = windows.first_error(req, query)
        if error is not None:
            raise wsgi.Fault(400, _message_for(error, 'query'))

    return _attach(validate)


def _attach(validate):
    def decorator(func):
        func.wsgi_validators = getattr(func, 'wsgi_validators', ()) + (validate,)
        return func
    return decorator


def single_param(schema_):
    """Query values arrive as lists; constrain to one value matching ``schema_``."""
    return {'type': 'array', 'items': schema_, 'minItems': 1}


def query_params(properties, additional=True):
    """A query-string schema; ``additional=False`` rejects unknown names (2.75+ style)."""
    result = {'type': 'object', 'properties': properties}
    if not additional:
        result['additionalProperties'] = False
        result['patternProperties'] = {'^_': {}}
    return result
