"""External events: ``/os-server-external-events`` (admin/service)."""

from novaclient import base


class Event(base.Resource):
    def __repr__(self):
        return '<Event: %s>' % getattr(self, 'name', '?')


class ServerExternalEventManager(base.Manager):
    resource_class = Event

    def create(self, events):
        """Send events, e.g. ``[{'server_uuid': id, 'name':
        'network-changed'}]``."""
        return self._create('/os-server-external-events', {'events': events},
                            'events', return_raw=True)
