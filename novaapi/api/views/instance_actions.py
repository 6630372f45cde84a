"""Instance action views: keys per microversion, events as the caller's policy allows."""

import dataclasses

from novaapi.api import common
from novaapi.api.views import server_sub

ACTION_KEYS = ('action', 'instance_uuid', 'request_id', 'user_id', 'project_id', 'start_time',
               'message')


@dataclasses.dataclass
class Events:
    """Which event fields the caller sees (None: no events at all)."""
    traceback: bool = False
    host: bool = False
    host_id: bool = False
    details: bool = False


def action(req, row):
    view = {key: getattr(row, key) for key in ACTION_KEYS}
    view['start_time'] = server_sub.timestamp(row.start_time)
    if req.is_version('2.58'):
        view['updated_at'] = server_sub.timestamp(row.updated_at)
    return view


def event(row, project_id, show, instance_host=None):
    """``instance_host`` stands in for an event recorded before the server had a host."""
    host = row.host or instance_host
    view = {'event': row.event, 'start_time': server_sub.timestamp(row.start_time),
            'finish_time': server_sub.timestamp(row.finish_time), 'result': row.result}
    if show.traceback:
        view['traceback'] = row.traceback
    if show.host:
        view['host'] = host
    if show.host_id:
        view['hostId'] = server_sub.host_id(host, project_id)
    if show.details:
        view['details'] = row.details
    return view


def index(req, server_id, rows):
    actions = [action(req, row) for row in rows]
    result = {'instanceActions': actions}
    if req.is_version('2.58'):
        links = common.collection_links(req, actions, 'servers/%s/os-instance-actions' % server_id,
                                        lambda item: item['request_id'])
        if links:
            result['links'] = links
    return result


def show(req, row, instance, events=None):
    """``events``: an :class:`Events`, or None when the caller may not see them."""
    view = action(req, row)
    if events is not None:
        project_id = row.project_id or instance.project_id
        view['events'] = [event(e, project_id, events, instance.host) for e in row.events]
    return {'instanceAction': view}
