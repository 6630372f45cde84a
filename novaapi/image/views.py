"""Glance v2 JSON of images: pure functions of the rows."""

import urllib.parse

from novaapi.image import models


def isotime(value):
    return value.strftime('%Y-%m-%dT%H:%M:%SZ') if value else None


def image(row):
    """One image as ``GET /v2/images/{id}`` shows it, custom properties at the top level."""
    body = dict(row.properties_dict)
    body.update({name: getattr(row, name) for name in models.CORE_ATTRIBUTES})
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


def member(row):
    """One membership as ``/v2/images/{id}/members/{member_id}`` shows it."""
    return {'created_at': isotime(row.created_at), 'image_id': row.image_id,
            'member_id': row.member, 'schema': '/v2/schemas/member', 'status': row.status,
            'updated_at': isotime(row.updated_at or row.created_at)}


def members(rows):
    return {'members': [member(r) for r in rows], 'schema': '/v2/schemas/members'}
