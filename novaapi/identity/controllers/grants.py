"""Role grants: ``/v3/{projects|domains}/{id}/{users|groups}/{id}/roles[/{role_id}]`` and
``/v3/system/{users|groups}/{id}/roles[/{role_id}]``.

Handlers read the target and the actor from the URL variables the route names.
"""

from novaapi.identity import assignments
from novaapi.identity import policy
from novaapi.identity import views
from novaapi.identity import wsgi


def _parties(ids):
    """``(target, actor)`` as ``(kind, id)`` pairs from a grant URL's variables."""
    if 'project_id' in ids:
        target = ('Project', ids['project_id'])
    elif 'domain_id' in ids:
        target = ('Domain', ids['domain_id'])
    else:
        target = ('System', assignments.SYSTEM_ALL)
    actor = ('User', ids['user_id']) if 'user_id' in ids else ('Group', ids['group_id'])
    return target, actor


def _rule(action, target, actor):
    """Keystone's rule name: ``identity:<action>_grant`` or its system variant."""
    if target[0] == 'System':
        return 'identity:%s_system_grant%s_for_%s' % (action, 's' if action == 'list' else '',
                                                     actor[0].lower())
    return 'identity:%s_grant%s' % (action, 's' if action == 'list' else '')


def list_grants(call, **ids):
    target, actor = _parties(ids)
    policy.enforce(call.token, _rule('list', target, actor))
    rows = assignments.list_grants(target, actor)
    return wsgi.listing(call, 'roles', views.role, rows)


def create_grant(call, role_id, **ids):
    target, actor = _parties(ids)
    policy.enforce(call.token, _rule('create', target, actor))
    assignments.create_grant(target, actor, role_id)
    return wsgi.no_content()


def check_grant(call, role_id, **ids):
    target, actor = _parties(ids)
    policy.enforce(call.token, _rule('check', target, actor))
    assignments.check_grant(target, actor, role_id)
    return wsgi.no_content()


def revoke_grant(call, role_id, **ids):
    target, actor = _parties(ids)
    policy.enforce(call.token, _rule('revoke', target, actor))
    assignments.revoke_grant(target, actor, role_id)
    return wsgi.no_content()
