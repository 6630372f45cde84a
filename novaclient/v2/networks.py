"""Network name lookups in the network service (Neutron)."""

from novaclient import base
from novaclient import exceptions


class Network(base.Resource):
    HUMAN_ID = True

    def __repr__(self):
        return '<Network: %s>' % getattr(self, 'name', '?')


class NeutronManager(base.Manager):
    resource_class = Network

    def find_network(self, name):
        """The one network with this name.

        :raises NotFound: none
        :raises NoUniqueMatch: several
        """
        resp, body = self.client.get('/v2.0/networks?name=%s' % name,
                                     service_type='network')
        matches = [Network(self, item, loaded=True)
                   for item in body['networks']]
        if not matches:
            raise exceptions.NotFound(404, 'No Network matching %s.' % name)
        if len(matches) > 1:
            raise exceptions.NoUniqueMatch(
                "Multiple network matches found for '%s', use an ID to be "
                "more specific." % name)
        matches[0].append_request_ids(resp)
        return matches[0]
