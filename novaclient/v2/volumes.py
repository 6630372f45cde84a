"""Volume attachments of servers: ``/servers/{id}/os-volume_attachments``."""

from novaclient import api_versions
from novaclient import base
from novaclient import exceptions


class Volume(base.Resource):
    """A volume attachment."""

    NAME_ATTR = 'display_name'

    def __repr__(self):
        return '<Volume: %s>' % getattr(self, 'id', '?')


def _url(server_id, volume_id=None):
    url = '/servers/%s/os-volume_attachments' % server_id
    return url if volume_id is None else '%s/%s' % (url, volume_id)


class VolumeManager(base.Manager):
    resource_class = Volume

    def create_server_volume(self, server_id, volume_id, device=None,
                             tag=None, delete_on_termination=False):
        """Attach a volume; ``tag`` needs 2.49, ``delete_on_termination``
        2.79. From 2.101 Nova answers 202 without a body; the attachment
        is then described from the request."""
        if tag is not None and self.api_version < api_versions.APIVersion(
                '2.49'):
            raise exceptions.UnsupportedAttribute('tag', '2.49')
        if delete_on_termination and self.api_version < \
                api_versions.APIVersion('2.79'):
            raise exceptions.UnsupportedAttribute('delete_on_termination',
                                                  '2.79')
        attachment = {'volumeId': volume_id}
        if device is not None:
            attachment['device'] = device
        if tag is not None:
            attachment['tag'] = tag
        if delete_on_termination:
            attachment['delete_on_termination'] = delete_on_termination
        resp, body = self.client.post(_url(server_id),
                                      body={'volumeAttachment': attachment})
        if not body:
            return Volume(self, dict(attachment, serverId=server_id),
                          resp=resp)
        return Volume(self, body['volumeAttachment'], resp=resp)

    def update_server_volume(self, server_id, src_volid, dest_volid,
                             delete_on_termination=None):
        """Swap the volume, or (2.85+) change ``delete_on_termination``."""
        attachment = {'volumeId': dest_volid}
        if delete_on_termination is not None:
            if self.api_version < api_versions.APIVersion('2.85'):
                raise exceptions.UnsupportedAttribute(
                    'delete_on_termination', '2.85')
            attachment['delete_on_termination'] = delete_on_termination
        return self._update(_url(server_id, src_volid),
                            {'volumeAttachment': attachment},
                            'volumeAttachment')

    def get_server_volume(self, server_id, volume_id):
        return self._get(_url(server_id, volume_id), 'volumeAttachment')

    def get_server_volumes(self, server_id):
        return self._list(_url(server_id), 'volumeAttachments')

    def delete_server_volume(self, server_id, volume_id):
        return self._delete(_url(server_id, volume_id))
