"""Availability zones: ``/os-availability-zone``."""

from novaclient import base


class AvailabilityZone(base.Resource):
    NAME_ATTR = 'display_name'

    def __repr__(self):
        return '<AvailabilityZone: %s>' % self.zoneName


class AvailabilityZoneManager(base.ManagerWithFind):
    resource_class = AvailabilityZone
    list_supports = frozenset(['detailed'])

    def list(self, detailed=True):
        """Zones; ``detailed`` (admin) adds hosts and their services."""
        path = '/os-availability-zone/detail' if detailed else \
            '/os-availability-zone'
        return self._list(path, 'availabilityZoneInfo')
