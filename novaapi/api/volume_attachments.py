"""Volumes attached to a server (``/servers/{server_id}/os-volume_attachments``)."""

import webob

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import volume_attachments as schema
from novaapi.api.views import volume_attachments as views
from novaapi.compute.subresources import errors
from novaapi.compute.subresources import volume_attachments
from novaapi import conf


def _page(req, items):
    """Nova's ``limited``: ``offset`` then ``limit`` (capped by ``[api] max_limit``)."""
    offset = int(req.GET.get('offset') or 0)
    limit = min(conf.CONF.api.max_limit, int(req.GET.get('limit') or 0) or conf.CONF.api.max_limit)
    return items[offset:offset + limit]


class VolumeAttachmentController(wsgi.Controller):

    @wsgi.expected_errors(404)
    @validation.query_schema(schema.index_query)
    def index(self, req, server_id):
        attachments = volume_attachments.list_attachments(req.context, server_id)
        return views.index(req, _page(req, attachments))

    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, server_id, id):
        bdm = volume_attachments.show_attachment(req.context, server_id, id)
        if not views.visible(req, bdm):
            raise errors.VolumeNotAttached(instance=bdm.instance_uuid, volume=id)
        return views.show(req, bdm)

    @wsgi.expected_errors((400, 403, 404, 409))
    @validation.schema(schema.create)
    def create(self, req, server_id, body):
        spec = body['volumeAttachment']
        bdm = volume_attachments.attach_volume(
            req.context, server_id, spec['volumeId'], spec.get('device'), spec.get('tag'),
            spec.get('delete_on_termination', False), shelved_ok=req.is_version('2.20'),
            multiattach_ok=req.is_version('2.60'))
        if req.is_version('2.101'):
            return webob.Response(status_int=202)
        return views.created(req, bdm)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.update)
    def update(self, req, server_id, id, body):
        spec = body['volumeAttachment']
        swap = not req.is_version('2.85') or spec['volumeId'] != id
        volume_attachments.update_attachment(req.context, server_id, id, spec, swap,
                                             mutable=req.is_version('2.85'))

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    def delete(self, req, server_id, id):
        volume_attachments.detach_volume(req.context, server_id, id,
                                         shelved_ok=req.is_version('2.20'))
