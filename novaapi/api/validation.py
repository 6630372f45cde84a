"""JSON-schema validation of request bodies and query strings, with Nova's messages.

The kit (:mod:`novaapi.web.validation`) picks the schema by microversion and
finds the first error; this module words it as Nova does.
"""

import re
import unicodedata

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


def _printable(char, spaces=True):
    """A character Nova's 'name' takes: in the Basic Multilingual Plane, not a control, format,
    private-use or unassigned one, and no separator but (with ``spaces``) a space."""
    if ord(char) >= 0xFFFF:
        return False
    category = unicodedata.category(char)
    return category[0] != 'C' and (category[0] != 'Z' or (spaces and category == 'Zs'))


def _name_check(instance, spaces_at_ends, colon):
    """Nova's name formats: printable (``colon``: ':' too), and either no white space first
    or last, or (``spaces_at_ends``) at least one character that is not white space.

    NOTE: Nova matches with ``$``, which also matches before a final newline, so one
    trailing newline after an otherwise valid name passes there, and here.
    """
    if not isinstance(instance, str) or not instance:
        return True
    if len(instance) > 1 and instance.endswith('\n'):
        instance = instance[:-1]
    if not colon and ':' in instance:
        return False
    if not all(_printable(c) for c in instance):
        return False
    if spaces_at_ends:
        return any(_printable(c, spaces=False) for c in instance)
    return _printable(instance[0], spaces=False) and _printable(instance[-1], spaces=False)


# Nova's four name formats: (white space allowed at the ends, ':' allowed, the rule it states).
_NAME_FORMATS = {
    'name': (False, True, 'printable characters. Can not start or end with whitespace.'),
    'name_with_leading_trailing_spaces': (
        True, True, 'printable characters with at least one non space character'),
    'az_name': (False, False, 'printable characters except :.Can not start or end with '
                              'whitespace.'),
    'az_name_with_leading_trailing_spaces': (
        True, False, 'printable characters except :, with at least one non space character'),
}
for _format, (_ends, _colon, _rule) in _NAME_FORMATS.items():
    _FORMATS.checks(_format)(lambda instance, _e=_ends, _c=_colon: _name_check(instance, _e, _c))


def _make(schema):
    return _COMPUTE_VALIDATOR(schema, format_checker=_FORMATS)


def _message_for(error, kind):
    """Nova's wording: the innermost field, its value, then jsonschema's message."""
    if error.validator == 'format' and error.validator_value in _NAME_FORMATS:
        return ("An invalid 'name' value was provided. The name must be: %s"
                % _NAME_FORMATS[error.validator_value][2])
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
