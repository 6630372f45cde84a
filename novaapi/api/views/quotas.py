"""Quota set and quota class set views: which resources a microversion shows."""

from novaapi.api.schemas import quotas as schema
from novaapi.compute import quotas

# Quota classes only show server group quotas from 2.50 on.
_SERVER_GROUP_QUOTAS = ('server_groups', 'server_group_members')


def hidden(req):
    """Resources the quota set APIs no longer show at this microversion."""
    if req.is_version('2.57'):
        return schema.NETWORK_QUOTAS + schema.FILE_QUOTAS
    if req.is_version('2.36'):
        return schema.NETWORK_QUOTAS
    return ()


def _class_hidden(req):
    if req.is_version('2.57'):
        return schema.NETWORK_QUOTAS + schema.FILE_QUOTAS
    if req.is_version('2.50'):
        return schema.NETWORK_QUOTAS
    return _SERVER_GROUP_QUOTAS


def _shown(values, hide, identifier=None):
    result = {'id': identifier} if identifier is not None else {}
    result.update((name, values[name]) for name in quotas.RESOURCES if name not in hide)
    return result


def quota_set(req, values, project_id=None):
    """``{"quota_set": {...}}``; ``id`` is shown by show and defaults, not by update."""
    return {'quota_set': _shown(values, hidden(req), project_id)}


def detail(req, project_id, values, in_use):
    nested = {name: {'in_use': in_use.get(name, 0), 'limit': limit, 'reserved': 0}
              for name, limit in values.items()}
    return quota_set(req, nested, project_id)


def class_set(req, values, class_name=None):
    return {'quota_class_set': _shown(values, _class_hidden(req), class_name)}
