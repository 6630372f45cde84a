"""The image endpoint's one flat route table, top to bottom: every path, its methods, its handler.

Handlers are ``handler(call, **url_vars)`` (a :class:`novaapi.web.app.Call`);
the root and ``/versions`` are answered before routing (:mod:`novaapi.image.app`).
"""

from novaapi.image.controllers import images

ROUTES = [
    ('/v2/images', {'GET': images.index, 'POST': images.create}),
    ('/v2/images/{image_id}', {'GET': images.show, 'PATCH': images.update,
                               'DELETE': images.delete}),
]
