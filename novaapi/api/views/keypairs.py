"""Key pair views: pure functions of the request and the key pair rows."""

from novaapi.api import common

_INDEX = ('name', 'public_key', 'fingerprint')
_CREATE = _INDEX + ('user_id',)


def _date(value):
    return value.strftime('%Y-%m-%dT%H:%M:%S.%f') if value else None


def _fields(req, keypair, names):
    view = {name: getattr(keypair, name) for name in names}
    if req.is_version('2.2'):
        view['type'] = keypair.type
    return view


def index(req, keypairs):
    body = {'keypairs': [{'keypair': _fields(req, k, _INDEX)} for k in keypairs]}
    if req.is_version('2.35'):
        links = common.collection_links(req, keypairs, 'os-keypairs', lambda k: k.name)
        if links:
            body['keypairs_links'] = links
    return body


def show(req, keypair):
    view = _fields(req, keypair, _CREATE)
    # Soft deletion is never exposed, so these are constant (as in Nova).
    view.update(id=keypair.id, created_at=_date(keypair.created_at), updated_at=None,
                deleted=False, deleted_at=None)
    return {'keypair': view}


def create(req, keypair, private_key=None):
    view = _fields(req, keypair, _CREATE)
    if private_key is not None:
        view['private_key'] = private_key
    return {'keypair': view}
