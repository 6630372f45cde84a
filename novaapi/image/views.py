"""Glance v2 JSON of images: pure functions of the rows."""

import urllib.parse

# Attributes Glance keeps in its own columns; anything else is a custom property.
CORE_ATTRIBUTES = ('name', 'status', 'visibility', 'owner', 'size', 'virtual_size',
                   'disk_format', 'container_format', 'min_disk', 'min_ram', 'protected',
                   'os_hidden', 'checksum', 'os_hash_algo', 'os_hash_value')
# Keys the server sets or computes; a client may not write them.
READ_ONLY = ('id', 'status', 'owner', 'size', 'virtual_size', 'checksum', 'os_hash_algo',
             'os_hash_value', 'created_at', 'updated_at', 'self', 'file', 'schema', 'locations',
             'direct_url', 'stores')


def isotime(value):
    return value.strftime('%Y-%m-%dT%H:%M:%SZ') if value else None


def image(row):
    """One image as ``GET /v2/images/{id}`` shows it, custom properties at the top level."""
    body = dict(row.properties_dict)
    body.update({name: getattr(row, name) for name in CORE_ATTRIBUTES})
    body.update(id=row.id, tags=row.tag_list, created_at=isotime(row.created_at),
                updated_at=isotime(row.updated_at or row.created_at),
                self='/v2/images/%s' % row.id, file='/v2/images/%s/file' % row.id,
                schema='/v2/schemas/image')
    return body


def index(rows, params, limit):
    """The list body: ``images``, ``first``, ``schema`` and ``next`` when the page is full.

    :param params: the request's query parameters as ``[(key, value)]``
    """
    kept = [(k, v) for k, v in params if k != 'marker']
    body = {'images': [image(r) for r in rows], 'first': '/v2/images',
            'schema': '/v2/schemas/images'}
    if kept:
        body['first'] += '?' + urllib.parse.urlencode(kept)
    if rows and len(rows) == limit:
        body['next'] = '/v2/images?' + urllib.parse.urlencode(kept + [('marker', rows[-1].id)])
    return body
