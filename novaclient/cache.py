"""The token cache of ``nova --os-cache`` (or ``OS_CACHE=1``).

One file per (auth URL, auth type, user, scope, region) under the user's
cache directory (``$XDG_CACHE_HOME/novaclient`` or ``~/.cache/novaclient``,
mode 0700) holds the token, its catalog (keystoneauth's auth state) and the
compute version documents found through that token (min and max
microversion, per endpoint). Files are 0600 and replaced atomically, so
several ``nova`` processes may read and write them at once; the last
writer wins and a reader sees a whole file or none.

A cached token is used until two minutes before it expires. A 401 makes
keystoneauth drop it and authenticate once more; the new token is then
written back. The file's name is a hash of the key (no secret goes into
it; the password is not part of the key).
"""

import hashlib
import json
import os
import tempfile
import time

#: A token closer than this to its expiry is not reused (keystoneauth
#: itself refuses tokens with less than two minutes left).
EXPIRY_MARGIN = 120
_KEY_FIELDS = ('auth_url', 'auth_type', 'user_id', 'username',
               'user_domain_id', 'user_domain_name', 'project_id',
               'project_name', 'project_domain_id', 'project_domain_name',
               'domain_id', 'domain_name', 'system_scope', 'trust_id',
               'region_name')


def directory():
    """The cache directory, made 0700 if missing."""
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(
        os.path.expanduser('~'), '.cache')
    path = os.path.join(base, 'novaclient')
    os.makedirs(path, mode=0o700, exist_ok=True)
    if os.stat(path).st_mode & 0o077:
        os.chmod(path, 0o700)
    return path


def key_of(identity):
    """The hash naming one identity's file (``identity``: a field dict)."""
    text = json.dumps([identity.get(field) or None for field in _KEY_FIELDS])
    return hashlib.sha256(text.encode('utf-8')).hexdigest()


def _expires_at(auth_state):
    # deferred: datetime costs ~1 ms; only a cache hit reads the expiry
    import datetime
    body = json.loads(auth_state)['body']
    token = body.get('token') or body.get('access', {}).get('token', {})
    text = token.get('expires_at') or token.get('expires')
    when = datetime.datetime.fromisoformat(text.replace('Z', '+00:00'))
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return when.timestamp()


class TokenCache:
    """One identity's cache file."""

    def __init__(self, identity):
        self.path = os.path.join(directory(), key_of(identity) + '.json')
        self.data = self._read()
        self.loaded_state = self.data.get('auth_state')
        self.dirty = False

    def _read(self):
        try:
            with open(self.path, encoding='utf-8') as f:
                data = json.load(f)
            state = data.get('auth_state')
            if state and _expires_at(state) - time.time() > EXPIRY_MARGIN:
                return data
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
        return {}

    def install(self, plugin):
        """Give ``plugin`` the cached token; False when there is none."""
        if not self.loaded_state:
            return False
        plugin.set_auth_state(self.loaded_state)
        return True

    def versions(self, endpoint_key):
        """``(min, max)`` microversions cached for an endpoint, or None."""
        found = self.data.get('versions', {}).get(endpoint_key)
        return tuple(found) if found else None

    def remember_versions(self, endpoint_key, low, high):
        self.data.setdefault('versions', {})[endpoint_key] = [low, high]
        self.dirty = True

    def save(self, plugin):
        """Write the plugin's auth state and the versions, if new."""
        state = plugin.get_auth_state()
        if not state:
            return
        if state != self.loaded_state:
            # NOTE: version documents found with an older token stay: they
            # belong to the endpoint, not to the token.
            self.data['auth_state'] = state
            self.dirty = True
        if self.dirty:
            self._write(self.data)
            self.loaded_state = state
            self.dirty = False

    def drop(self):
        try:
            os.unlink(self.path)
        except OSError:
            pass

    def _write(self, data):
        folder = os.path.dirname(self.path)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix='.tmp-', suffix='.json')
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, 'w', encoding='utf-8') as f:
                json.dump(data, f)
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
