"""The block-storage endpoint's one flat route table, top to bottom: every path, its methods,
its handler.

Every path carries the project id, as Cinder's v3 URLs do (the catalog's
``/v3/{project_id}``); :data:`ALL` also serves each without it, as Cinder's
``ProjectMapper`` does (3.67 announces it), which is the only form a system- or
domain-scoped token can use.  NOTE: ``/volumes/detail`` (and the other ``detail``
lists) must come before ``/volumes/{volume_id}``.  Handlers are
``handler(call, **url_vars)``; the app checks the project id against the token.
"""

from novaapi.volume.controllers import attachments
from novaapi.volume.controllers import quotas
from novaapi.volume.controllers import snapshots
from novaapi.volume.controllers import types
from novaapi.volume.controllers import volume_actions
from novaapi.volume.controllers import volumes

P = '/v3/{project_id}'

ROUTES = [
    (P + '/volumes', {'GET': volumes.index, 'POST': volumes.create}),
    (P + '/volumes/detail', {'GET': volumes.detail}),
    (P + '/volumes/{volume_id}', {'GET': volumes.show, 'PUT': volumes.update,
                                  'DELETE': volumes.delete}),
    (P + '/volumes/{volume_id}/action', {'POST': volume_actions.action}),
    (P + '/volumes/{volume_id}/metadata', {'GET': volumes.metadata_show,
                                           'POST': volumes.metadata_create,
                                           'PUT': volumes.metadata_replace}),
    (P + '/types', {'GET': types.index, 'POST': types.create}),
    (P + '/types/{type_id}', {'GET': types.show, 'PUT': types.update, 'DELETE': types.delete}),
    (P + '/types/{type_id}/extra_specs', {'GET': types.extra_specs_index,
                                          'POST': types.extra_specs_create}),
    (P + '/snapshots', {'GET': snapshots.index, 'POST': snapshots.create}),
    (P + '/snapshots/detail', {'GET': snapshots.detail}),
    (P + '/snapshots/{snapshot_id}', {'GET': snapshots.show, 'PUT': snapshots.update,
                                      'DELETE': snapshots.delete}),
    (P + '/snapshots/{snapshot_id}/action', {'POST': snapshots.action}),
    (P + '/attachments', {'GET': attachments.index, 'POST': attachments.create}),
    (P + '/attachments/detail', {'GET': attachments.detail}),
    (P + '/attachments/{attachment_id}', {'GET': attachments.show, 'PUT': attachments.update,
                                          'DELETE': attachments.delete}),
    (P + '/attachments/{attachment_id}/action', {'POST': attachments.action}),
    (P + '/os-quota-sets/{target_id}', {'GET': quotas.show, 'PUT': quotas.update,
                                        'DELETE': quotas.delete}),
    (P + '/os-quota-sets/{target_id}/defaults', {'GET': quotas.defaults}),
    (P + '/limits', {'GET': quotas.limits}),
    (P + '/os-availability-zone', {'GET': quotas.availability_zones}),
]

WITHOUT_PROJECT = [(path.replace(P, '/v3', 1), methods) for path, methods in ROUTES]
"""The same routes without the project id: ``/v3/volumes`` and so on."""

ALL = WITHOUT_PROJECT + ROUTES
"""What the endpoint serves.  A path without a project comes first: its first part is a
collection name, never a (hex) project id, as Cinder's ``project_id_regex`` makes sure."""
