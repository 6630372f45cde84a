"""Availability zone views: ``{availabilityZoneInfo: [{zoneName, zoneState, hosts}]}``."""

INTERNAL_ZONE = 'internal'
INTERNAL_HOST = 'controller'
INTERNAL_SERVICES = ('nova-conductor', 'nova-scheduler')


def _available(nodes):
    return any(not n.disabled for n in nodes)


def _stamp(value):
    return value.isoformat() if value else None


def index(zones):
    return {'availabilityZoneInfo': [
        {'zoneName': name, 'zoneState': {'available': _available(nodes)}, 'hosts': None}
        for name, nodes in sorted(zones.items())]}


def detail(zones):
    internal = {'zoneName': INTERNAL_ZONE, 'zoneState': {'available': True},
                'hosts': {INTERNAL_HOST: {svc: {'active': True, 'available': True, 'updated_at': None}
                                          for svc in INTERNAL_SERVICES}}}
    result = [internal]
    for name, nodes in sorted(zones.items()):
        result.append({
            'zoneName': name, 'zoneState': {'available': _available(nodes)},
            'hosts': {n.host: {'nova-compute': {'active': not n.disabled,
                                                'available': not n.forced_down,
                                                'updated_at': _stamp(n.last_seen_up)}}
                      for n in nodes}})
    return {'availabilityZoneInfo': result}
