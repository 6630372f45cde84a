"""JSON-schema validation of request bodies and query strings, with Nova's messages."""

import jsonschema

from novaapi.api import wsgi


def _message_for(error, kind):
    """Nova's wording: the innermost field, its value, then jsonschema's message."""
    if not error.path:
        return error.message
    label = 'field/attribute' if kind == 'body' else 'query parameters'
    return 'Invalid input for %s %s. Value: %s. %s' % (label, error.path[-1], error.instance, error.message)


def _validator_for(schema):
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)
    return cls(schema, format_checker=jsonschema.FormatChecker())


def _first_error(validator, instance):
    return next(iter(validator.iter_errors(instance)), None)


def _windowed(schemas):
    """Normalise ``schema`` arguments to ``[(min, max, validator)]``."""
    if isinstance(schemas, dict):
        schemas = [(None, None, schemas)]
    return [(lo, hi, _validator_for(s)) for lo, hi, s in schemas]


def _pick(req, windows):
    for lo, hi, validator in windows:
        if req.is_version(lo, hi):
            return validator
    return None


def schema(schemas):
    """Validate the JSON body with one schema, or the first matching ``(min, max, schema)``."""
    windows = _windowed(schemas)

    def validate(req, body):
        validator = _pick(req, windows)
        if validator is None:
            return
        error = _first_error(validator, body)
        if error is not None:
            raise wsgi.Fault(400, _message_for(error, 'body'))

    return _attach(validate)


def query_schema(schemas):
    """Validate ``req.GET`` (values as lists of strings, like Nova) against a schema."""
    windows = _windowed(schemas)

    def validate(req, _body):
        validator = _pick(req, windows)
        if validator is None:
            return
        query = {key: req.GET.getall(key) for key in req.GET.keys()}
        error = _first_error(validator, query)
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
