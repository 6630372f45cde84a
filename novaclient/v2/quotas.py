"""Quota sets: ``/os-quota-sets/{project_id}``."""

from novaclient import api_versions
from novaclient import base

# Keys Nova accepts in a quota update, by the microversions that take them.
_NETWORK_KEYS = ('floating_ips', 'fixed_ips', 'security_groups',
                 'security_group_rules')
_FILE_KEYS = ('injected_files', 'injected_file_content_bytes',
              'injected_file_path_bytes')


def updatable_keys(api_version, network_until='2.35', files_until='2.56'):
    """Quota keys an update may send at ``api_version``."""
    keys = ['instances', 'cores', 'ram', 'metadata_items', 'key_pairs',
            'server_groups', 'server_group_members']
    if api_version <= api_versions.APIVersion(network_until):
        keys += _NETWORK_KEYS
    if api_version <= api_versions.APIVersion(files_until):
        keys += _FILE_KEYS
    return keys


def _url(tenant_id, user_id=None, suffix=''):
    url = '/os-quota-sets/%s%s' % (tenant_id, suffix)
    return url + ('?user_id=%s' % user_id if user_id else '')


class QuotaSet(base.Resource):

    def update(self, *args, **kwargs):
        return self.manager.update(self.id, *args, **kwargs)


class QuotaSetManager(base.Manager):
    resource_class = QuotaSet

    def get(self, tenant_id, user_id=None, detail=False):
        """Quotas of a project (or of a user in it); ``detail`` adds usage."""
        return self._get(_url(tenant_id, user_id, '/detail' if detail else ''),
                         'quota_set')

    def update(self, tenant_id, user_id=None, force=None, **quotas):
        """Set some quotas; keys unknown at this microversion are refused.

        :raises TypeError: for a quota key the microversion doesn't know
        """
        allowed = updatable_keys(self.api_version)
        unknown = set(quotas) - set(allowed)
        if unknown:
            raise TypeError('Unexpected quota keys at microversion %s: %s' % (
                self.api_version.get_string(), ', '.join(sorted(unknown))))
        body = {k: v for k, v in quotas.items() if v is not None}
        if force:
            body['force'] = force
        return self._update(_url(tenant_id, user_id), {'quota_set': body},
                            'quota_set')

    def defaults(self, tenant_id):
        return self._get(_url(tenant_id, suffix='/defaults'), 'quota_set')

    def delete(self, tenant_id, user_id=None):
        """Reset a project's (or user's) quotas to the defaults."""
        return self._delete(_url(tenant_id, user_id))
