"""The image endpoint's one flat route table, top to bottom: every path, its methods, its handler.

Handlers are ``handler(call, **url_vars)`` (a :class:`novaapi.web.app.Call`);
the root and ``/versions`` are answered before routing (:mod:`novaapi.image.app`).
"""

from novaapi.image.controllers import discovery
from novaapi.image.controllers import image_actions
from novaapi.image.controllers import image_data
from novaapi.image.controllers import images
from novaapi.image.controllers import members
from novaapi.image.controllers import schemas

ROUTES = [
    ('/v2/images', {'GET': images.index, 'POST': images.create}),
    ('/v2/images/{image_id}', {'GET': images.show, 'PATCH': images.update,
                               'DELETE': images.delete}),
    ('/v2/images/{image_id}/file', {'GET': image_data.download, 'PUT': image_data.upload}),
    ('/v2/images/{image_id}/stage', {'PUT': image_data.stage}),
    ('/v2/images/{image_id}/import', {'POST': image_actions.import_image}),
    ('/v2/images/{image_id}/actions/deactivate', {'POST': image_actions.deactivate}),
    ('/v2/images/{image_id}/actions/reactivate', {'POST': image_actions.reactivate}),
    ('/v2/images/{image_id}/tags/{tag}', {'PUT': image_actions.add_tag,
                                          'DELETE': image_actions.delete_tag}),
    ('/v2/images/{image_id}/members', {'GET': members.index, 'POST': members.create}),
    ('/v2/images/{image_id}/members/{member_id}', {'GET': members.show, 'PUT': members.update,
                                                   'DELETE': members.delete}),
    ('/v2/info/import', {'GET': discovery.import_info}),
    ('/v2/info/stores', {'GET': discovery.stores}),
    ('/v2/info/stores/detail', {'GET': discovery.stores_detail}),
    ('/v2/info/usage', {'GET': discovery.usage}),
    ('/v2/schemas/image', {'GET': schemas.image}),
    ('/v2/schemas/images', {'GET': schemas.images}),
    ('/v2/schemas/member', {'GET': schemas.member}),
    ('/v2/schemas/members', {'GET': schemas.members}),
]
