"""Server groups: ``/os-server-groups``."""

from novaclient import api_versions
from novaclient import base
from novaclient import exceptions


class ServerGroup(base.Resource):
    def __repr__(self):
        return '<ServerGroup: %s>' % self.id

    def delete(self):
        return self.manager.delete(self.id)


class ServerGroupsManager(base.ManagerWithFind):
    resource_class = ServerGroup

    def list(self, all_projects=False, limit=None, offset=None):
        params = {}
        if all_projects:
            params['all_projects'] = bool(all_projects)
        if limit:
            params['limit'] = int(limit)
        if offset:
            params['offset'] = int(offset)
        listing = self._list('/os-server-groups', 'server_groups',
                             filters=params)
        if limit or not getattr(self.api, 'follow_next_links', False):
            return listing
        # NOTE: this API pages by offset and gives no next link: ask for
        # the following page until one comes back empty or shorter.
        page_size = len(listing)
        start = int(offset or 0)
        page = listing
        while page and len(page) >= page_size:
            start += len(page)
            page = self._list('/os-server-groups', 'server_groups',
                              filters=dict(params, offset=start))
            listing.extend(page)
            listing.append_request_ids(page.request_ids)
        return listing

    def get(self, id):
        return self._get('/os-server-groups/%s' % id, 'server_group')

    def delete(self, id):
        return self._delete('/os-server-groups/%s' % id)

    @api_versions.wraps('2.0', '2.63')
    def create(self, name, policies):
        """Create a group with a list of policies (before 2.64)."""
        if not isinstance(policies, list):
            policies = [policies]
        return self._create('/os-server-groups', {'server_group': {
            'name': name, 'policies': policies}}, 'server_group')

    @api_versions.wraps('2.64')
    def create(self, name, policy, rules=None):  # noqa: F811
        """Create a group with one policy and optional rules (2.64+)."""
        body = {'name': name, 'policy': policy}
        if rules:
            rules = dict(rules)
            key = 'max_server_per_host'
            if key in rules:
                try:
                    rules[key] = int(rules[key])
                except ValueError:
                    raise exceptions.CommandError(
                        "Invalid '%s' value: %s" % (key, rules[key]))
            body['rules'] = rules
        return self._create('/os-server-groups', {'server_group': body},
                            'server_group')
