"""Behaviour views: ``{behaviour: {id, kind, <matchers>, <effect>, count, remaining, fired}}``."""

TIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'
_FIELDS = ('project_id', 'name', 'flavor', 'image', 'host', 'action', 'method', 'path', 'status',
           'message', 'delay', 'count', 'remaining', 'fired')


def detail(row):
    view = {'id': row.uuid, 'kind': row.kind}
    view.update((key, getattr(row, key)) for key in _FIELDS)
    view['created_at'] = row.created_at.strftime(TIME_FORMAT) if row.created_at else None
    return view


def index(rows):
    return {'behaviours': [detail(row) for row in rows]}
