"""A server's NUMA topology, derived from its flavor's ``hw:`` extra specs (fake host pinning)."""

from novaapi.compute import instances
from novaapi.compute import policy
from novaapi.db import engine
from novaapi import exception

# NOTE: these two rules are named without Nova's usual ``os_compute_api:`` prefix.
INDEX = 'compute:server:topology:index'
HOST = 'compute:server:topology:host:index'
PAGE_SIZES = {'small': 4, 'large': 2048, 'any': 4}


def _int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _page_size(value):
    """``hw:mem_page_size`` in KiB: small/large/any, a number of KiB, or ``2MB``-style text."""
    if value is None:
        return None
    if value in PAGE_SIZES:
        return PAGE_SIZES[value]
    text = str(value).upper().rstrip('B')
    factor = {'K': 1, 'M': 1024, 'G': 1024 * 1024}.get(text[-1:], 1)
    number = _int(text[:-1] if factor != 1 or text[-1:] == 'K' else text, None)
    return number * factor if number else None


def _cells(instance):
    """``[{id, cpus, memory_mb, siblings, pinning}]`` and the page size, or ``(None, None)``
    when the flavor asks for no NUMA placement (Nova then has no topology)."""
    specs = instance.extra_specs or {}
    dedicated = specs.get('hw:cpu_policy') == 'dedicated'
    page_size = _page_size(specs.get('hw:mem_page_size'))
    if 'hw:numa_nodes' not in specs and not dedicated and page_size is None:
        return None, None
    count = max(1, min(_int(specs.get('hw:numa_nodes'), 1), max(instance.vcpus, 1)))
    threads = max(1, _int(specs.get('hw:cpu_threads'), 1))
    result, cpu, memory = [], 0, instance.memory_mb
    for node in range(count):
        share = instance.vcpus // count + (1 if node < instance.vcpus % count else 0)
        cpus = list(range(cpu, cpu + share))
        cpu += share
        mem = memory // count + (memory % count if node == count - 1 else 0)
        siblings = ([cpus[i:i + threads] for i in range(0, len(cpus), threads)]
                    if threads > 1 else [])
        pinning = {str(v): node * 8 + index for index, v in enumerate(cpus)} if dedicated else None
        result.append({'id': node, 'cpus': cpus, 'memory_mb': mem, 'siblings': siblings,
                       'pinning': pinning})
    return result, page_size


def for_server(ctx, server_id):
    """``(cells, page size, project id)`` of the server ``server_id``, see :func:`_cells`.

    The project id is the target of the :data:`HOST` rule, which decides
    whether the view shows the host's pinning.

    :raises exception.PolicyNotAuthorized: the :data:`INDEX` rule refuses the caller
    """
    with engine.transaction() as sess:
        instance = instances.get(sess, ctx, server_id)
        if not policy.check(ctx, INDEX, {'project_id': instance.project_id}):
            raise exception.PolicyNotAuthorized(action=INDEX)
    return _cells(instance) + (instance.project_id,)
