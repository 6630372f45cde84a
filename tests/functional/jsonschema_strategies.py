"""hypothesis-jsonschema strategies for Nova's schemas, and a few draws outside ``@given``.

hypothesis-jsonschema 0.23.1 builds objects with ``cu.many(...).more()``, which newer
Hypothesis releases replaced by a ``with many(...) as elements: for _ in elements`` protocol;
without the small adapter below every object schema fails to draw.  The adapter drives the
new protocol step by step behind the old ``more()`` call.
"""

import types
import warnings

import hypothesis
from hypothesis import strategies as st
from hypothesis.internal.conjecture import utils as conjecture_utils
import hypothesis_jsonschema
from hypothesis_jsonschema import _from_schema

# Formats only Nova knows: hypothesis-jsonschema needs a strategy for each (Nova gives verdicts).
FORMATS = {
    'uuid': st.one_of(st.uuids().map(str), st.text(max_size=8)),
    'name': st.text(min_size=1, max_size=12),
    'name_with_leading_trailing_spaces': st.text(min_size=1, max_size=12),
    'az_name': st.text(min_size=1, max_size=12),
    'az_name_with_leading_trailing_spaces': st.text(min_size=1, max_size=12),
    'cidr': st.sampled_from(['10.0.0.0/24', 'fd00::/64', '10.0.0.1', 'x/33']),
    'base64': st.sampled_from(['aGVsbG8=', 'not base64!', '']),
    'mac-address': st.sampled_from(['fa:16:3e:00:00:01', 'zz']),
    'url': st.sampled_from(['http://example.com/', 'nope']),
    'string': st.text(max_size=8),
}


class _SteppedMany:
    """The old ``more()``/``reject()`` face over the new context-managed ``many``."""

    def __init__(self, data, **kwargs):
        self._many = conjecture_utils.many(data, **kwargs)
        self._many.__enter__()
        self._steps = iter(self._many)

    def more(self):
        try:
            next(self._steps)
        except StopIteration:
            self._many.__exit__(None, None, None)
            return False
        return True

    def reject(self, why=None):
        self._many.reject(why)


def _adapt():
    if not hasattr(conjecture_utils.many, 'more'):
        _from_schema.cu = types.SimpleNamespace(**{
            name: getattr(conjecture_utils, name) for name in dir(conjecture_utils)
            if not name.startswith('__')})
        _from_schema.cu.many = _SteppedMany


_adapt()


def from_schema(schema):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        return hypothesis_jsonschema.from_schema(schema, custom_formats=FORMATS)


def draw(strategy, count):
    """Up to ``count`` values of ``strategy``, deterministic from run to run."""
    found = []

    @hypothesis.settings(max_examples=count, database=None, derandomize=True, deadline=None,
                         phases=[hypothesis.Phase.generate],
                         suppress_health_check=list(hypothesis.HealthCheck))
    @hypothesis.given(strategy)
    def collect(value):
        found.append(value)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            collect()
    except Exception:  # noqa: BLE001 - unsatisfiable corners: keep what was drawn
        pass
    return found[:count]
