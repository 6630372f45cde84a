"""Keypairs: ``/os-keypairs`` (per user; admins may name another user)."""

from novaclient import api_versions
from novaclient import base
from novaclient import exceptions


class Keypair(base.Resource):
    """An SSH (or x509) public key that can be injected into servers."""

    def __repr__(self):
        return '<Keypair: %s>' % self.id

    def _add_details(self, info):
        # NOTE: list items arrive wrapped as {"keypair": {...}}.
        for key, value in info.get('keypair', info).items():
            if key != 'id':
                setattr(self, key, value)

    @property
    def id(self):
        return self.name

    def delete(self):
        return self.manager.delete(self)


def _user_query(user_id):
    return '?user_id=%s' % user_id if user_id else ''


class KeypairManager(base.ManagerWithFind):
    resource_class = Keypair
    is_alphanum_id_allowed = True

    def get(self, keypair, user_id=None):
        """A keypair by name; ``user_id`` (2.10+) looks at another user's."""
        self._check_user(user_id)
        return self._get('/os-keypairs/%s%s' % (base.getid(keypair),
                                                _user_query(user_id)),
                         'keypair')

    def create(self, name, public_key=None, key_type='ssh', user_id=None):
        """Import ``public_key``, or (before 2.92) have Nova generate one.

        ``key_type`` is sent from 2.2 and ``user_id`` from 2.10.
        """
        body = {'name': name}
        if self.api_version >= api_versions.APIVersion('2.2'):
            body['type'] = key_type
        if public_key or self.api_version >= api_versions.APIVersion('2.92'):
            body['public_key'] = public_key
        self._check_user(user_id)
        if user_id:
            body['user_id'] = user_id
        return self._create('/os-keypairs', {'keypair': body}, 'keypair')

    def delete(self, key, user_id=None):
        self._check_user(user_id)
        return self._delete('/os-keypairs/%s%s' % (base.getid(key),
                                                   _user_query(user_id)))

    def list(self, user_id=None, marker=None, limit=None):
        """Keypairs of the caller (or ``user_id``, admin, 2.10+).

        ``marker``/``limit`` page the list from 2.35.
        """
        self._check_user(user_id)
        params = {}
        if user_id:
            params['user_id'] = user_id
        if self.api_version >= api_versions.APIVersion('2.35'):
            if limit:
                params['limit'] = int(limit)
            if marker:
                params['marker'] = str(marker)
        return self._list('/os-keypairs', 'keypairs', filters=params)

    def _check_user(self, user_id):
        if user_id and self.api_version < api_versions.APIVersion('2.10'):
            raise exceptions.UnsupportedAttribute('user_id', '2.10')
