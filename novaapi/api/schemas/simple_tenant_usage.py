"""Query schemas of ``/os-simple-tenant-usage``."""

from novaapi.api.schemas import types

_text = types.multi({'type': 'string'})
_paging = {'limit': types.multi(types.non_negative_integer), 'marker': _text}


def _windows(properties):
    base_ = {'type': 'object', 'properties': properties, 'additionalProperties': True}
    paged = {'type': 'object', 'properties': dict(properties, **_paging), 'additionalProperties': True}
    return [(None, '2.39', base_), ('2.40', '2.74', paged), ('2.75', None, types.strict_query(paged))]


index_query = _windows({'start': _text, 'end': _text, 'detailed': _text})
show_query = _windows({'start': _text, 'end': _text})
