"""Server addresses (``/servers/{id}/ips``): ``{label: [{version, addr}]}`` in port order."""


def _network(entries):
    return [{'version': entry['version'], 'addr': entry['addr']} for entry in entries]


def index(addresses):
    return {'addresses': {label: _network(entries) for label, entries in addresses.items()}}


def show(addresses, label):
    return {label: _network(addresses[label])}
