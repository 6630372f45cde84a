"""Tenant usage views: datetimes as Nova serialises them, paging links on instance ids."""

from novaapi.api import common
from novaapi.api.views import services as service_views

_TIMES = ('start', 'stop', 'started_at', 'ended_at')


def _dates(item):
    result = {k: (service_views.stamp(v) if k in _TIMES else v) for k, v in item.items()}
    if 'server_usages' in result:
        result['server_usages'] = [_dates(s) for s in result['server_usages']]
    return result


def index(req, summaries, servers, links):
    view = {'tenant_usages': [_dates(s) for s in summaries]}
    if links:
        found = common.collection_links(req, servers, 'os-simple-tenant-usage', lambda s: s['instance_id'])
        if found:
            view['tenant_usages_links'] = found
    return view


def show(req, project_id, summaries, servers, links):
    view = {'tenant_usage': _dates(summaries[0]) if summaries else {}}
    if links:
        found = common.collection_links(req, servers, 'os-simple-tenant-usage/%s' % project_id,
                                        lambda s: s['instance_id'])
        if found:
            view['tenant_usage_links'] = found
    return view
