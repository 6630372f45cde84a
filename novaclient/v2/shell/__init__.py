"""``nova`` subcommands: one module per API collection.

Each module holds ``do_<name>`` functions; ``do_flavor_list`` becomes
``nova flavor-list``. The docstring is the help text and ``@utils.arg``
declares the arguments.
"""

import importlib

MODULES = (
    'agents',
    'aggregates',
    'availability_zones',
    'behaviours',
    'flavors',
    'host_servers',
    'hypervisors',
    'instance_actions',
    'keypairs',
    'limits',
    'migrations',
    'quotas',
    'server_actions',
    'server_groups',
    'server_resources',
    'server_shares',
    'servers',
    'services',
    'usage',
    'versions',
)


def modules():
    return [importlib.import_module('novaclient.v2.shell.' + name)
            for name in MODULES]


def commands():
    """``[(command name, function)]`` for every ``do_*``, sorted by name."""
    found = []
    for module in modules():
        for attr in dir(module):
            if attr.startswith('do_'):
                found.append((attr, getattr(module, attr)))
    found.sort(key=lambda item: item[0])
    return [(attr[3:].replace('_', '-'), func) for attr, func in found]
