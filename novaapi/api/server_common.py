"""What the servers controllers share: generated passwords, what policy lets a caller see of a
server, its detailed view, and the one controller ``POST /servers/{id}/action`` dispatches to."""

import functools
import secrets

from novaapi.api import wsgi
from novaapi.api.views import servers as views
from novaapi.compute import policy

# Nova's generated passwords: no look-alike characters (0/O, 1/l/I).
_PASSWORD_GROUPS = ('23456789', 'ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz')


def generate_password(length=12):
    """A random password with at least one character of each group, as Nova makes them."""
    chars = [secrets.choice(group) for group in _PASSWORD_GROUPS]
    alphabet = ''.join(_PASSWORD_GROUPS)
    chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return ''.join(chars)


def password(body_dict):
    """``adminPass`` of a request body, or a generated one."""
    given = body_dict.get('adminPass')
    return given if given is not None else generate_password()


def show_flags(req, instance=None, full=True, server_groups=False, user_data=True):
    """What policy lets the caller see of ``instance`` (or of any listed server)."""
    ctx, tgt = req.context, ({'project_id': instance.project_id} if instance else {})
    return views.Show(extended_attr=policy.check(ctx, 'os-extended-server-attributes', tgt),
                      host_status=policy.check(ctx, 'servers:show:host_status', tgt),
                      extra_specs=req.is_version('2.47') and policy.check(
                          ctx, 'servers:show:flavor-extra-specs', tgt),
                      server_groups=server_groups, full=full, user_data=user_data)


def detailed(req, instance, extra, **flags):
    """``{"server": {...}}`` of one instance as GET /servers/{id} shows it (flags narrow it)."""
    flags.setdefault('server_groups', True)
    return {'server': views.show(req, instance, extra, show_flags(req, instance, **flags))}


def action_controller(*groups, only=None, until=None):
    """The controller of ``POST /servers/{id}/action``: every ``@wsgi.action`` of ``groups``.

    The body's one key picks the method; each group class keeps the actions of
    one concern.  Methods run with this controller as ``self``, so groups keep
    no state of their own.

    :param only: the action names to keep (an alias route serving fewer actions)
    :param until: the last microversion of every action kept (the alias's window)
    """
    actions = {}
    for group in groups:
        clash = set(actions) & set(group.wsgi_actions)
        if clash:
            raise ValueError('actions %s declared twice' % sorted(clash))
        actions.update(group.wsgi_actions)
    if only is not None:
        missing = set(only) - set(actions)
        if missing:
            raise ValueError('actions %s are in no group' % sorted(missing))
        actions = {name: _until(actions[name], until) for name in only}
    controller = type('ServerActionsController', (wsgi.Controller,), {
        '__doc__': 'POST /servers/{id}/action: %s.' % ', '.join(g.__name__ for g in groups)})
    controller.wsgi_actions = actions
    return controller


def _until(method, until):
    """``method`` as an action that ends at microversion ``until`` (None: as it is)."""
    if until is None:
        return method

    @functools.wraps(method)
    def capped(*args, **kwargs):
        return method(*args, **kwargs)
    start = (getattr(method, 'wsgi_version', None) or (None, None))[0]
    capped.wsgi_version = (start, until)
    return capped
