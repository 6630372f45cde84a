"""Volumes attached to a server (``/servers/{server_id}/os-volume_attachments``)."""

import webob

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import volume_attachments as schema
from novaapi.api.views import volume_attachments as views
from novaapi.compute import policy
from novaapi.compute import states
from novaapi.compute.subresources import common
from novaapi.compute.subresources import errors
from novaapi.compute.subresources import volumes as db
from novaapi.db import engine
from novaapi import conf


def _page(req, items):
    """Nova's ``limited``: ``offset`` then ``limit`` (capped by ``[api] max_limit``)."""
    offset = int(req.GET.get('offset') or 0)
    limit = min(conf.CONF.api.max_limit, int(req.GET.get('limit') or 0) or conf.CONF.api.max_limit)
    return items[offset:offset + limit]


def _shelved_before_2_20(req, instance, verb):
    shelved = instance.vm_state in (states.SHELVED, states.SHELVED_OFFLOADED)
    if shelved and not req.is_version('2.20'):
        raise common.invalid_state(instance, verb, 'vm_state', instance.vm_state)


def _bdm(req, sess, instance, volume_id):
    bdm = db.get(sess, instance, volume_id)
    if not views.visible(req, bdm):
        raise errors.VolumeNotAttached(instance=instance.uuid, volume=volume_id)
    return bdm


class VolumeAttachmentController(wsgi.Controller):

    @wsgi.expected_errors(404)
    @validation.query_schema(schema.index_query)
    def index(self, req, server_id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'os-volumes-attachments:index')
            return views.index(req, _page(req, db.get_all(sess, instance)))

    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, server_id, id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'os-volumes-attachments:show')
            return views.show(req, _bdm(req, sess, instance, id))

    @wsgi.expected_errors((400, 403, 404, 409))
    @validation.schema(schema.create)
    def create(self, req, server_id, body):
        spec = body['volumeAttachment']
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'os-volumes-attachments:create',
                                     lock=True)
            _shelved_before_2_20(req, instance, 'attach_volume')
            bdm = db.attach(sess, req.context, instance, spec['volumeId'], spec.get('device'),
                            spec.get('tag'), spec.get('delete_on_termination', False))
            if req.is_version('2.101'):
                return webob.Response(status_int=202)
            return views.created(req, bdm)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.update)
    def update(self, req, server_id, id, body):
        spec = body['volumeAttachment']
        swap = not req.is_version('2.85') or spec['volumeId'] != id
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, None, lock=True)
            rule = 'os-volumes-attachments:' + ('swap' if swap else 'update')
            policy.authorize(req.context, rule,
                             target={} if swap else {'project_id': instance.project_id})
            if req.is_version('2.85'):
                db.update(db.get(sess, instance, id, errors.VolumeBDMNotFound(volume_id=id)), spec)
            if swap:
                db.swap(id)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    def delete(self, req, server_id, id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'os-volumes-attachments:delete',
                                     lock=True)
            _shelved_before_2_20(req, instance, 'detach_volume')
            db.detach(sess, req.context, instance, db.get(sess, instance, id))
