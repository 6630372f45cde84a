"""Remote console access: a URL carrying a one-time token whose hash is kept until it expires."""

import hashlib
import time
import urllib.parse
import uuid

import sqlalchemy as sa

from novaapi.compute import hosts
from novaapi.compute import models
from novaapi.compute import states as s
from novaapi.compute.subresources import common
from novaapi.compute.subresources import errors
from novaapi import conf
from novaapi import exception

C = models.ConsoleAuthToken
TOKEN_TTL = 600
# protocol -> {console type: (proxy port, proxy path, console port on the host, TLS port)}
CONSOLES = {
    'vnc': {'novnc': ('http', 6080, '/vnc_auto.html', 5900, None)},
    'spice': {'spice-html5': ('http', 6082, '/spice_auto.html', 5901, None),
              'spice-direct': ('http', 13002, '/nova', 5901, 5902)},
    'serial': {'serial': ('ws', 6083, '/', 10000, None)},
    'mks': {'webmks': ('http', 6090, '/', 5902, None)},
}
# Nova's console getters refuse servers being deleted or live-migrated.
REFUSED_TASKS = (s.DELETING, s.MIGRATING)


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _access_url(console_type, token):
    scheme, port, path, _, _ = _spec(console_type)
    base = '%s://%s:%d%s' % (scheme, conf.CONF.public_host or conf.CONF.host, port, path)
    if console_type == 'novnc':
        return '%s?%s' % (base, urllib.parse.urlencode({'path': '?token=%s' % token}))
    return '%s?token=%s' % (base, token)


def _spec(console_type):
    for types in CONSOLES.values():
        if console_type in types:
            return types[console_type]
    raise errors.ConsoleTypeInvalid(console_type=console_type)


def create(sess, instance, protocol, console_type):
    """Authorize a console of ``instance``; return its access URL.

    :raises errors.ConsoleTypeUnavailable: RDP (Hyper-V only, removed from Nova)
    :raises errors.ConsoleTypeInvalid: a type the protocol does not serve
    :raises exception.InstanceNotReady: the server has no host yet
    """
    if protocol not in CONSOLES:
        raise errors.ConsoleTypeUnavailable(console_type=protocol)
    if not instance.host:
        raise exception.InstanceNotReady(instance_id=instance.uuid)
    if instance.task_state in REFUSED_TASKS:
        raise common.invalid_state(instance, 'get_%s_console' % protocol, 'task_state',
                                   instance.task_state)
    if console_type not in CONSOLES[protocol]:
        raise errors.ConsoleTypeInvalid(console_type=console_type)
    _, _, _, port, tls_port = CONSOLES[protocol][console_type]
    node = hosts.find_node(sess, host=instance.host)
    token = str(uuid.uuid4())
    now = int(time.time())
    sess.execute(sa.delete(C).where(C.expires <= now).execution_options(synchronize_session=False))
    sess.add(C(token_hash=_hash(token), console_type=console_type,
               host=(node.host_ip if node is not None and node.host_ip else instance.host),
               port=port, tls_port=tls_port, internal_access_path=None,
               access_url_base=_access_url(console_type, '').split('?')[0],
               instance_uuid=instance.uuid, expires=now + TOKEN_TTL))
    sess.flush()
    return _access_url(console_type, token)


def validate(sess, token):
    """The live authorization of ``token``.

    :raises errors.TokenNotFound: unknown or expired
    """
    row = sess.scalars(sa.select(C).where(C.token_hash == _hash(token or ''),
                                          C.expires > int(time.time()))).first()
    if row is None:
        raise errors.TokenNotFound()
    return row
