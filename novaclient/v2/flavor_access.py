"""Flavor access lists: which projects may use a private flavor."""

from novaclient import base


class FlavorAccess(base.Resource):
    def __repr__(self):
        return '<FlavorAccess flavor id: %s, tenant id: %s>' % (
            self.flavor_id, self.tenant_id)


class FlavorAccessManager(base.ManagerWithFind):
    resource_class = FlavorAccess

    def list(self, flavor=None):
        """Projects allowed to use ``flavor``."""
        if not flavor:
            raise NotImplementedError('Unknown list options.')
        return self._list('/flavors/%s/os-flavor-access' % base.getid(flavor),
                          'flavor_access')

    def add_tenant_access(self, flavor, tenant):
        return self._action('addTenantAccess', flavor, {'tenant': tenant})

    def remove_tenant_access(self, flavor, tenant):
        return self._action('removeTenantAccess', flavor, {'tenant': tenant})

    def _action(self, action, flavor, info):
        resp, body = self.client.post(
            '/flavors/%s/action' % base.getid(flavor), body={action: info})
        return base.ListWithMeta(
            [FlavorAccess(self, item) for item in body['flavor_access']], resp)
