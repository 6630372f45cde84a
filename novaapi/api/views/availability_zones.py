"""Availability zone views: ``{availabilityZoneInfo: [{zoneName, zoneState, hosts}]}``."""


def _available(nodes):
    return any(not n.disabled for n in nodes)


def _stamp(value):
    return value.strftime('%Y-%m-%dT%H:%M:%S.%f') if value else None


def index(zones):
    return {'availabilityZoneInfo': [
        {'zoneName': name, 'zoneState': {'available': _available(nodes)}, 'hosts': None}
        for name, nodes in sorted(zones.items())]}


def detail(infos, updated):
    """Zones of enabled services (with their hosts and services, heartbeat as ``updated_at``),
    then zones whose services are all disabled (``hosts: null``), each list sorted, as Nova."""
    enabled = [info for info in infos if not info.disabled]
    available = sorted({info.zone for info in enabled})
    unavailable = sorted({info.zone for info in infos if info.disabled} - set(available))
    result = []
    for zone in available:
        hosts = {}
        for info in enabled:
            if info.zone == zone:
                hosts.setdefault(info.host, {})[info.binary] = {
                    'available': info.up, 'active': True, 'updated_at': _stamp(updated(info))}
        result.append({'zoneName': zone, 'zoneState': {'available': True}, 'hosts': hosts})
    result += [{'zoneName': zone, 'zoneState': {'available': False}, 'hosts': None}
               for zone in unavailable]
    return {'availabilityZoneInfo': result}
