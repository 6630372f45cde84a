"""Nova's volume and snapshot proxies to the block-storage service: ``/os-volumes`` and
``/os-snapshots`` (2.1-2.35; 404 from 2.36, as Nova removed its proxy APIs)."""

from oslo_utils import strutils

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import volumes as schema
from novaapi.compute import volumes
from novaapi import conf

MAX_PROXY = '2.35'


def _page(req, items):
    """Nova's ``limited``: ``offset`` then ``limit`` (capped by ``[api] max_limit``)."""
    offset = int(req.GET.get('offset') or 0)
    limit = min(conf.CONF.api.max_limit, int(req.GET.get('limit') or 0) or conf.CONF.api.max_limit)
    return items[offset:offset + limit]


class VolumeController(wsgi.Controller):

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def index(self, req):
        return {'volumes': _page(req, volumes.list_volumes(req.context))}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def detail(self, req):
        return {'volumes': _page(req, volumes.list_volumes(req.context, 'detail'))}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        return {'volume': volumes.show_volume(req.context, id)}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors((400, 403, 404))
    @validation.schema(schema.create)
    def create(self, req, body):
        volume = volumes.create_volume(req.context, body['volume'])
        location = '%s/%s' % (req.url, volume['id'])
        return {'volume': volume}, {'Location': location}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.response(202)
    @wsgi.expected_errors((400, 404))
    def delete(self, req, id):
        volumes.delete_volume(req.context, id)


class SnapshotController(wsgi.Controller):

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def index(self, req):
        return {'snapshots': _page(req, volumes.list_snapshots(req.context))}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def detail(self, req):
        return {'snapshots': _page(req, volumes.list_snapshots(req.context, 'detail'))}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        return {'snapshot': volumes.show_snapshot(req.context, id)}

    # NOTE: Nova declares (400, 403) here, so an unknown volume is its 500; ours is a 404.
    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors((400, 403, 404))
    @validation.schema(schema.create_snapshot)
    def create(self, req, body):
        spec = body['snapshot']
        force = strutils.bool_from_string(spec.get('force', False), strict=True)
        return {'snapshot': volumes.create_snapshot(
            req.context, spec['volume_id'], spec.get('display_name'),
            spec.get('display_description'), force)}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.response(202)
    @wsgi.expected_errors((400, 404))
    def delete(self, req, id):
        volumes.delete_snapshot(req.context, id)
