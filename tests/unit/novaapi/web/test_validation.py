"""jsonschema validators: the schema's own draft, formats, windows and deep documents."""

import pytest

from novaapi.web import errors
from novaapi.web import validation

SCHEMA = {'type': 'object', 'properties': {'size': {'type': 'integer', 'minimum': 1}},
          'required': ['size'], 'additionalProperties': False}


def test_first_error_or_none():
    validator = validation.validator_for(SCHEMA)
    assert validation.first_error(validator, {'size': 2}) is None
    error = validation.first_error(validator, {'size': 0})
    assert list(error.path) == ['size'] and '0 is less than the minimum of 1' in error.message


def test_formats_are_checked():
    validator = validation.validator_for({'type': 'string', 'format': 'uuid'})
    assert validation.first_error(validator, 'not-a-uuid') is not None


def test_too_deep_to_walk_is_malformed():
    deep = []
    for _ in range(5000):
        deep = [deep]
    validator = validation.validator_for({'type': 'array', 'items': {'$ref': '#'}})
    with pytest.raises(errors.MalformedBody):
        validation.first_error(validator, deep)


def _in_window(req, lo, hi):
    return (lo is None or req >= lo) and (hi is None or req <= hi)


def test_windows_pick_by_the_service_rule():
    windows = validation.Windowed([(1, 5, SCHEMA), (6, None, {'type': 'object'})], _in_window)
    assert windows.first_error(3, {'size': 0}) is not None
    assert windows.first_error(7, {'size': 0}) is None
    assert validation.Windowed([(2, 3, SCHEMA)], _in_window).pick(1) is None


def test_one_schema_applies_everywhere():
    windows = validation.Windowed(SCHEMA, _in_window)
    assert windows.first_error(99, {}) is not None
