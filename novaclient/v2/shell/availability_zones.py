"""The availability-zone-list command."""

from novaclient import exceptions
from novaclient import utils


class _Row:
    def __init__(self, name, status):
        self.name = name
        self.status = status


def _tree(zone):
    """Rows for a zone, then ``|- host`` and ``| |- service`` below it."""
    state = 'available' if zone.zoneState['available'] else 'not available'
    rows = [_Row(zone.zoneName, state)]
    for host, services in sorted((getattr(zone, 'hosts', None) or {}).items()):
        rows.append(_Row('|- %s' % host, ''))
        for service, info in services.items():
            rows.append(_Row('| |- %s' % service, '%s %s %s' % (
                'enabled' if info['active'] else 'disabled',
                ':-)' if info['available'] else 'XXX',
                info['updated_at'])))
    return rows


@utils.service_type('compute')
def do_availability_zone_list(cs, _args):
    """List availability zones (with hosts and services for admins)."""
    try:
        zones = cs.availability_zones.list()
    except exceptions.Forbidden as exc:
        try:
            zones = cs.availability_zones.list(detailed=False)
        except Exception:
            raise exc
    rows = [row for zone in zones for row in _tree(zone)]
    utils.print_list(rows, ['Name', 'Status'])


