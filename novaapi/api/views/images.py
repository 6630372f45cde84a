"""Nova's views of Glance images (``/images``): pure functions of the request and the image
dict :mod:`novaapi.compute.image_proxy` returns."""

from oslo_utils import strutils

from novaapi.api import common
from novaapi import conf

STATUSES = {'active': 'ACTIVE', 'queued': 'SAVING', 'saving': 'SAVING', 'deleted': 'DELETED',
            'pending_delete': 'DELETED', 'killed': 'ERROR'}
PROGRESS = {'queued': 25, 'saving': 50, 'active': 100}


def _isotime(value):
    return value.strftime('%Y-%m-%dT%H:%M:%SZ') if value is not None else None


def _links(req, image_id):
    return common.resource_links(req, 'images', image_id) + [{
        'rel': 'alternate', 'type': 'application/vnd.openstack.image',
        'href': '%s/images/%s' % (conf.CONF.endpoint_url('image'), image_id)}]


def basic(req, image):
    return {'id': image['id'], 'name': image['name'], 'links': _links(req, image['id'])}


def detail(req, image):
    view = {
        'id': image['id'],
        'name': image['name'],
        'minRam': int(image['min_ram'] or 0),
        'minDisk': int(image['min_disk'] or 0),
        'metadata': image['properties'],
        'created': _isotime(image['created_at']),
        'updated': _isotime(image['updated_at']),
        'status': STATUSES.get(image['status'], 'UNKNOWN'),
        'progress': PROGRESS.get(image['status'], 0),
        'OS-EXT-IMG-SIZE:size': image['size'],
        'links': _links(req, image['id']),
    }
    server = image['properties'].get('instance_uuid')
    if server is not None:
        view['server'] = {'id': server, 'links': [
            link for link in common.resource_links(req, 'servers', server)]}
    disk_config = image['properties'].get('auto_disk_config')
    if disk_config is not None:
        view['OS-DCF:diskConfig'] = 'AUTO' if strutils.bool_from_string(disk_config) else 'MANUAL'
    return view


def index(req, images, view=basic):
    body = {'images': [view(req, image) for image in images]}
    collection = 'images/detail' if view is detail else 'images'
    links = common.collection_links(req, images, collection, lambda image: image['id'])
    if links:
        body['images_links'] = links
    return body
