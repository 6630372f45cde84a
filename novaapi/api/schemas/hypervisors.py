"""Query schemas of ``/os-hypervisors``."""

from novaapi.api.schemas import types

fqdn = {'type': 'string', 'pattern': '^[a-zA-Z0-9-._]*$', 'minLength': 1, 'maxLength': 255}


def _single(schema):
    """One value only (2.53+), where 2.33's paging took repeats."""
    return dict(types.multi(schema), maxItems=1)


_any = {'type': 'object', 'properties': {}, 'additionalProperties': True}
_paging = {'limit': types.multi(types.non_negative_integer),
           'marker': types.multi({'type': 'string'})}
_index_v233 = {'type': 'object', 'properties': dict(_paging), 'additionalProperties': True}
_index_v253 = {'type': 'object',
               'properties': dict(limit=_single(types.non_negative_integer),
                                  marker=_single({'type': 'string'}),
                                  hypervisor_hostname_pattern=_single(fqdn),
                                  with_servers=_single(types.boolean)),
               'additionalProperties': False}
index_query = [(None, '2.32', _any), ('2.33', '2.52', _index_v233), ('2.53', None, _index_v253)]

_show_v253 = {'type': 'object', 'properties': {'with_servers': _single(types.boolean)},
              'additionalProperties': False}
show_query = [(None, '2.52', _any), ('2.53', None, _show_v253)]
