"""Quota classes: ``/os-quota-class-sets/{class}`` (only 'default' is used)."""

from novaclient import base
from novaclient.v2 import quotas


class QuotaClassSet(base.Resource):

    def update(self, *args, **kwargs):
        return self.manager.update(self.id, *args, **kwargs)


class QuotaClassSetManager(base.Manager):
    resource_class = QuotaClassSet

    def get(self, class_name):
        return self._get('/os-quota-class-sets/%s' % class_name,
                         'quota_class_set')

    def update(self, class_name, **quota_values):
        """Set some default quotas of a class.

        :raises TypeError: for a quota key the microversion doesn't know
        """
        allowed = quotas.updatable_keys(self.api_version, network_until='2.49')
        unknown = set(quota_values) - set(allowed)
        if unknown:
            raise TypeError('Unexpected quota keys at microversion %s: %s' % (
                self.api_version.get_string(), ', '.join(sorted(unknown))))
        body = {k: v for k, v in quota_values.items() if v is not None}
        return self._update('/os-quota-class-sets/%s' % class_name,
                            {'quota_class_set': body}, 'quota_class_set')
