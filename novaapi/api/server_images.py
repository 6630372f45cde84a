"""``POST /servers/{id}/action`` that make images of a server: ``createImage`` and
``createBackup``."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import servers as schema
from novaapi.compute import snapshots
from novaapi import conf


def _created(req, image):
    """2.45+: the image id in the body; before, its URL in ``Location``."""
    if req.is_version('2.45'):
        return {'image_id': image.id}
    return None, {'Location': '%s/images/%s' % (conf.CONF.endpoint_url('image'), image.id)}


class ImageActions(wsgi.Controller):

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('createImage')
    @validation.schema(schema.create_image)
    def _create_image(self, req, id, body):
        spec = body['createImage']
        return _created(req, snapshots.create_image(req.context, id, spec['name'],
                                                    spec.get('metadata')))

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('createBackup')
    @validation.schema(schema.create_backup)
    def _create_backup(self, req, id, body):
        spec = body['createBackup']
        return _created(req, snapshots.create_backup(req.context, id, spec['name'],
                                                     spec['backup_type'], int(spec['rotation']),
                                                     spec.get('metadata')))
