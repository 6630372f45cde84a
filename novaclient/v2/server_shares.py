"""Shares attached to a server: ``/servers/{id}/shares`` (2.97+)."""

from novaclient import api_versions
from novaclient import base


class ServerShare(base.Resource):
    def __repr__(self):
        return '<ServerShare: %s>' % getattr(self, 'share_id', '')


def _url(server, share=None):
    url = '/servers/%s/shares' % base.getid(server)
    return url if share is None else '%s/%s' % (url, share)


class ServerSharesManager(base.Manager):
    resource_class = ServerShare

    @api_versions.wraps('2.97')
    def list(self, server):
        return self._list(_url(server), 'shares')

    @api_versions.wraps('2.97')
    def get(self, server, share_id):
        return self._get(_url(server, share_id), 'share')

    @api_versions.wraps('2.97')
    def create(self, server, share_id, tag=None):
        """Attach a Manila share (the server must be stopped)."""
        share = {'share_id': share_id}
        if tag:
            share['tag'] = tag
        return self._create(_url(server), {'share': share}, 'share')

    @api_versions.wraps('2.97')
    def delete(self, server, share_id):
        return self._delete(_url(server, share_id))
