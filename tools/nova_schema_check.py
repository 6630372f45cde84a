"""Validate response bodies against Nova's own response schemas.

Runs with the interpreter of the venv made by ``tools/real-venv.sh nova``.
Reads a JSON list of ``{"module": ..., "schema": ..., "body": ...}`` on
standard input and prints one JSON list of error strings (empty when valid).
"""

import importlib
import json
import sys

import jsonschema


def _format_checker():
    """Nova's own format checker (cidr, uuid, ...), else jsonschema's."""
    try:
        from nova.api.validation import validators
        return validators._FORMAT_CHECKER
    except (ImportError, AttributeError):
        return jsonschema.FormatChecker()


def main():
    errors = []
    for case in json.load(sys.stdin):
        module = importlib.import_module('nova.api.openstack.compute.schemas.' + case['module'])
        schema = getattr(module, case['schema'])
        validator = jsonschema.Draft4Validator(schema, format_checker=_format_checker())
        for error in validator.iter_errors(case['body']):
            errors.append('%s.%s: %s at %s' % (case['module'], case['schema'], error.message,
                                               '/'.join(str(p) for p in error.path)))
    json.dump(errors, sys.stdout)


if __name__ == '__main__':
    main()
