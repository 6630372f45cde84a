"""jsonschema validators for request bodies and query strings, picked per version window.

The wording of a validation failure belongs to each service; the kit finds
the failure and the schema that applies.  Windows are ``(min, max, schema)``
rows and the service says what "within the window" means for a request
(compute: its microversion).
"""

import jsonschema

from novaapi.web import errors


def validator_for(schema):
    """A validator of the schema's own draft (Draft 4 when it names none), checking formats."""
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)
    return cls(schema, format_checker=jsonschema.FormatChecker())


def first_error(validator, instance):
    """The first :class:`jsonschema.ValidationError` of ``instance``, or None.

    :raises MalformedBody: for a document nested too deep to walk.
    """
    try:
        return next(iter(validator.iter_errors(instance)), None)
    except RecursionError:
        raise errors.MalformedBody() from None


class Windowed:
    """Schemas that each apply within a ``(min, max)`` window.

    :param schemas: one schema (a dict, for every request) or ``[(min, max, schema)]``
    :param in_window: ``in_window(req, min, max)`` - whether the request falls in a window
    :param make: builds the validator of one schema (default :func:`validator_for`)
    """

    def __init__(self, schemas, in_window, make=None):
        if isinstance(schemas, dict):
            schemas = [(None, None, schemas)]
        make = make or validator_for
        self.windows = [(lo, hi, make(s)) for lo, hi, s in schemas]
        self.in_window = in_window

    def pick(self, req):
        """The validator of the first window ``req`` falls in, or None."""
        for lo, hi, validator in self.windows:
            if self.in_window(req, lo, hi):
                return validator
        return None

    def first_error(self, req, instance):
        """The first error of ``instance`` under the schema that applies, or None."""
        validator = self.pick(req)
        return None if validator is None else first_error(validator, instance)
