"""Aggregate views: ``{aggregate: {id, name, availability_zone, hosts, metadata, ...}}``."""

from novaapi.api.views import services as service_views


def aggregate(req, row, brief=False):
    view = {'availability_zone': row.availability_zone, 'created_at': service_views.stamp(row.created_at),
            'deleted': False, 'deleted_at': None, 'id': row.id, 'name': row.name,
            'updated_at': service_views.stamp(row.updated_at)}
    if not brief:
        view.update(hosts=row.host_names, metadata=row.metadata_dict)
    if req.is_version('2.41'):
        view['uuid'] = row.uuid
    return view


def show(req, row, brief=False):
    return {'aggregate': aggregate(req, row, brief)}


def index(req, rows):
    return {'aggregates': [aggregate(req, row) for row in rows]}
