"""Nova's image proxy: ``/images`` (2.1-2.35) and ``/images/{image_id}/metadata`` (2.1-2.38),
answered as Nova answers them in front of Glance."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import images as schema
from novaapi.api.schemas import server_metadata as metadata_schema
from novaapi.api.views import images as views
from novaapi.compute import image_proxy
from novaapi import exception

MAX_PROXY = '2.35'
MAX_METADATA = '2.38'
NOT_FOUND = 'Image not found.'


def _not_found(call, *args):
    try:
        return call(*args)
    except exception.ImageNotFound:
        raise wsgi.Fault(404, NOT_FOUND) from None


def _list(req, view):
    """Nova hands its ``limit`` to glanceclient as it is (no ``max_limit`` clamp; 0: all)."""
    limit = int(req.GET['limit']) if req.GET.get('limit') else None
    images = image_proxy.list_images(req.context, list(req.GET.items()), limit or None,
                                     req.GET.get('marker'))
    return views.index(req, images, view)


class ImagesController(wsgi.Controller):

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query)
    def index(self, req):
        return _list(req, views.basic)

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query)
    def detail(self, req):
        return _list(req, views.detail)

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.ANY_QUERY)
    def show(self, req, id):
        return {'image': views.detail(req, _not_found(image_proxy.show_image, req.context, id))}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.response(204)
    @wsgi.expected_errors((403, 404))
    def delete(self, req, id):
        try:
            image_proxy.delete_image(req.context, id)
        except exception.ImageNotFound:
            raise wsgi.Fault(404, NOT_FOUND) from None
        except image_proxy.ImageNotAuthorized:
            raise wsgi.Fault(403, 'You are not allowed to delete the image.') from None


class ImageMetadataController(wsgi.Controller):

    @wsgi.api_version('2.1', MAX_METADATA)
    @wsgi.expected_errors((403, 404))
    @validation.query_schema(schema.ANY_QUERY)
    def index(self, req, image_id):
        return {'metadata': _not_found(image_proxy.metadata, req.context, image_id)}

    @wsgi.api_version('2.1', MAX_METADATA)
    @wsgi.expected_errors((403, 404))
    @validation.query_schema(schema.ANY_QUERY)
    def show(self, req, image_id, id):
        metadata = _not_found(image_proxy.metadata, req.context, image_id)
        if id not in metadata:
            raise wsgi.Fault(404, 'The resource could not be found.')
        return {'meta': {id: metadata[id]}}

    @wsgi.api_version('2.1', MAX_METADATA)
    @wsgi.expected_errors((400, 403, 404))
    @validation.schema(metadata_schema.create)
    def create(self, req, image_id, body):
        return {'metadata': _not_found(image_proxy.write_metadata, req.context, image_id,
                                       lambda props: dict(props, **body['metadata']))}

    @wsgi.api_version('2.1', MAX_METADATA)
    @wsgi.expected_errors((400, 403, 404))
    @validation.schema(metadata_schema.update)
    def update(self, req, image_id, id, body):
        meta = body['meta']
        if id not in meta:
            raise wsgi.Fault(400, 'Request body and URI mismatch')
        _not_found(image_proxy.write_metadata, req.context, image_id,
                   lambda props: dict(props, **meta))
        return {'meta': meta}

    @wsgi.api_version('2.1', MAX_METADATA)
    @wsgi.expected_errors((400, 403, 404))
    @validation.schema(metadata_schema.update_all)
    def update_all(self, req, image_id, body):
        metadata = body['metadata']
        _not_found(image_proxy.write_metadata, req.context, image_id, lambda props: metadata)
        return {'metadata': metadata}

    @wsgi.api_version('2.1', MAX_METADATA)
    @wsgi.response(204)
    @wsgi.expected_errors((403, 404))
    def delete(self, req, image_id, id):
        def drop(props):
            if id not in props:
                raise wsgi.Fault(404, 'Invalid metadata key')
            props.pop(id)
            return props
        _not_found(image_proxy.write_metadata, req.context, image_id, drop)
