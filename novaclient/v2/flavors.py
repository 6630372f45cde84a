"""Flavors: ``/flavors`` and their extra specs."""

from novaclient import api_versions
from novaclient import base
from novaclient import exceptions
from novaclient import utils


class Flavor(base.Resource):
    """A hardware template (RAM, disk, vCPUs) servers are built from."""

    HUMAN_ID = True

    def __repr__(self):
        return '<Flavor: %s>' % getattr(self, 'name', '?')

    @property
    def ephemeral(self):
        return self._info.get('OS-FLV-EXT-DATA:ephemeral', 'N/A')

    @property
    def is_public(self):
        return self._info.get('os-flavor-access:is_public', 'N/A')

    def get_keys(self):
        """Extra specs of this flavor as a DictWithMeta."""
        resp, body = self.manager.client.get(
            '/flavors/%s/os-extra_specs' % base.getid(self))
        return self.manager.convert_into_with_meta(body['extra_specs'], resp)

    def set_keys(self, metadata):
        """Create or update extra specs from a dict."""
        utils.validate_flavor_metadata_keys(metadata.keys())
        return self.manager._create(
            '/flavors/%s/os-extra_specs' % base.getid(self),
            {'extra_specs': metadata}, 'extra_specs', return_raw=True)

    def unset_keys(self, keys):
        """Delete the named extra specs, one request per key."""
        result = base.TupleWithMeta((), None)
        for key in keys:
            ret = self.manager._delete(
                '/flavors/%s/os-extra_specs/%s' % (base.getid(self), key))
            result.append_request_ids(ret.request_ids)
        return result

    def delete(self):
        return self.manager.delete(self)

    def update(self, description=None):
        return self.manager.update(self, description=description)


def _int(value, what):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise exceptions.CommandError('%s must be an integer.' % what)


class FlavorManager(base.ManagerWithFind):
    resource_class = Flavor
    is_alphanum_id_allowed = True
    list_supports = frozenset(['detailed', 'is_public'])

    def list(self, detailed=True, is_public=True, marker=None, min_disk=None,
             min_ram=None, limit=None, sort_key=None, sort_dir=None,
             name=None):
        """Flavors, optionally filtered, sorted and paged server-side.

        :param is_public: True (default) lists public flavors plus those
            shared with the project; None lists all (admin); False lists
            private ones only
        """
        params = {}
        if marker:
            params['marker'] = str(marker)
        if min_disk:
            params['minDisk'] = int(min_disk)
        if min_ram:
            params['minRam'] = int(min_ram)
        if limit:
            params['limit'] = int(limit)
        if sort_key:
            params['sort_key'] = str(sort_key)
        if sort_dir:
            params['sort_dir'] = str(sort_dir)
        if not is_public:
            params['is_public'] = is_public
        if name:
            if self.api_version < api_versions.APIVersion('2.102'):
                raise exceptions.UnsupportedAttribute('name', '2.102')
            params['name'] = str(name)
        path = '/flavors/detail' if detailed else '/flavors'
        return self._list(path, 'flavors', filters=params)

    def get(self, flavor):
        return self._get('/flavors/%s' % base.getid(flavor), 'flavor')

    def delete(self, flavor):
        return self._delete('/flavors/%s' % base.getid(flavor))

    def create(self, name, ram, vcpus, disk, flavorid='auto', ephemeral=0,
               swap=0, rxtx_factor=1.0, is_public=True, description=None):
        """Create a flavor; ``flavorid='auto'`` lets Nova pick a UUID.

        ``rxtx_factor`` is not sent from 2.102, where Nova dropped it.
        """
        body = {
            'name': name,
            'ram': _int(ram, 'Ram'),
            'vcpus': _int(vcpus, 'VCPUs'),
            'disk': _int(disk, 'Disk'),
            'id': None if flavorid == 'auto' else flavorid,
            'swap': _int(swap, 'Swap'),
            'OS-FLV-EXT-DATA:ephemeral': _int(ephemeral, 'Ephemeral'),
        }
        if self.api_version < api_versions.APIVersion('2.102'):
            try:
                body['rxtx_factor'] = float(rxtx_factor)
            except (TypeError, ValueError):
                raise exceptions.CommandError('rxtx_factor must be a float.')
        try:
            body['os-flavor-access:is_public'] = utils.bool_from_string(
                is_public, strict=True)
        except ValueError:
            raise exceptions.CommandError('is_public must be a boolean.')
        if description:
            if self.api_version < api_versions.APIVersion('2.55'):
                raise exceptions.UnsupportedAttribute('description', '2.55')
            body['description'] = description
        return self._create('/flavors', {'flavor': body}, 'flavor')

    @api_versions.wraps('2.55')
    def update(self, flavor, description=None):
        """Change a flavor's description (the only mutable field)."""
        return self._update('/flavors/%s' % base.getid(flavor),
                            {'flavor': {'description': description}},
                            'flavor')
