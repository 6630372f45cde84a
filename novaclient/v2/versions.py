"""API versions: the compute endpoint's version documents."""

from urllib import parse

from novaclient import base
from novaclient import exceptions


class Version(base.Resource):
    def __repr__(self):
        return '<Version>'


class VersionManager(base.ManagerWithFind):
    resource_class = Version

    def _get_current(self):
        url = self.client.require_endpoint()
        try:
            return self._get(url, 'version')
        except exceptions.NotFound:
            # NOTE: an endpoint with a project id in its path has no
            # version document; its parent does.
            return self._get('%s/' % url.rsplit('/', 1)[0], 'version')

    def get_current(self):
        """The version document of the compute endpoint (None on 401)."""
        try:
            return self._get_current()
        except exceptions.Unauthorized:
            return None

    def list(self):
        """Every version the service root advertises."""
        endpoint = self.client.get_endpoint()
        url = parse.urlparse(endpoint)
        path = url.path
        if path.endswith(('v2', 'v2.1')) or '/v2/' in path or '/v2.1/' in path:
            root = '%s://%s%s' % (url.scheme, url.netloc,
                                  path[:path.rfind('/v2')])
        else:
            root = endpoint
        return self._list(root, 'versions')
