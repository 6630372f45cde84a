"""``/os-assisted-volume-snapshots``: the volume service asks Nova to snapshot or merge an
attached volume on the server's host (only a ``service`` role may)."""

import json

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import volume_attachments as schema
from novaapi.compute import policy
from novaapi.compute.subresources import volume_attachments
from novaapi import exception


class AssistedVolumeSnapshotsController(wsgi.Controller):

    @wsgi.expected_errors(400)
    @validation.schema(schema.assisted_snapshot_create)
    def create(self, req, body):
        policy.authorize(req.context, 'os-assisted-volume-snapshots:create', target={})
        snapshot = body['snapshot']
        return {'snapshot': volume_attachments.assisted_snapshot_create(
            req.context, snapshot['volume_id'], snapshot['create_info'])}

    @wsgi.response(204)
    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.assisted_snapshot_delete_query)
    def delete(self, req, id):
        policy.authorize(req.context, 'os-assisted-volume-snapshots:delete', target={})
        try:
            delete_info = json.loads(req.GET['delete_info'])
            delete_info['volume_id']  # noqa: B018 - Nova's KeyError check
        except KeyError as exc:
            raise exception.Invalid(str(exc)) from None
        except (ValueError, TypeError) as exc:
            raise exception.Invalid(str(exc)) from None
        volume_attachments.assisted_snapshot_delete(req.context, id, delete_info)
