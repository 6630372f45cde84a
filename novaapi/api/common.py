"""Helpers every controller uses: links, paging parameters, booleans."""

import urllib.parse
import uuid as uuidlib

from oslo_utils import strutils

from novaapi import conf
from novaapi import exception


def _project_prefix(req):
    project_id = req.environ.get('novaapi.url_project_id')
    return '/' + project_id if project_id else ''


def _urls(req):
    """``(application URL, service root without the version segment)``, worked out once a
    request: a page of servers asks for them three times a server."""
    urls = req.environ.get('novaapi.urls')
    if urls is None:
        urls = req.environ['novaapi.urls'] = (
            req.application_url, req.host_url + req.environ.get('novaapi.root_prefix', ''))
    return urls


def _root_url(req):
    """Service root without the version segment (for bookmark links)."""
    return _urls(req)[1]


def resource_links(req, collection, identifier):
    """``self`` (versioned) and ``bookmark`` (unversioned) links of one resource."""
    path = '%s/%s/%s' % (_project_prefix(req), collection, identifier)
    application, root = _urls(req)
    return [{'rel': 'self', 'href': application + path},
            {'rel': 'bookmark', 'href': root + path}]


def bookmark_link(req, collection, identifier):
    return {'rel': 'bookmark',
            'href': '%s%s/%s/%s' % (_root_url(req), _project_prefix(req), collection, identifier)}


def limit_and_marker(req):
    """Requested page size clamped to ``[api] max_limit``, and the marker."""
    max_limit = conf.CONF.api.max_limit
    raw = req.GET.get('limit')
    if raw is None or raw == '':
        limit = max_limit
    else:
        try:
            limit = int(raw)
        except ValueError:
            raise exception.Invalid('limit param must be an integer') from None
        if limit < 0:
            raise exception.Invalid('limit param must be positive')
    return min(max_limit, limit), req.GET.get('marker')


def collection_links(req, items, collection, id_of):
    """A ``next`` link when the page is full, carrying the request's parameters and the marker."""
    limit, _marker = limit_and_marker(req)
    if not limit or limit != len(items):
        return []
    params = [(k, v) for k, v in req.GET.items() if k != 'marker']
    params.append(('marker', id_of(items[-1])))
    query = urllib.parse.urlencode(sorted(params))
    href = '%s%s/%s?%s' % (req.application_url, _project_prefix(req), collection, query)
    return [{'rel': 'next', 'href': href}]


def is_true(value):
    return strutils.bool_from_string(value, strict=False)


def parse_bool(value, name):
    """Strict boolean for a request field; 400 naming the field otherwise."""
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError:
        raise exception.Invalid('Invalid value %r for %s: it must be a boolean.' % (value, name)) from None


def _is_uuid(value):
    try:
        uuidlib.UUID(str(value))
    except ValueError:
        return False
    return True


def check_service_id(req, service_id):
    """2.53+ ids are uuids; before, integers (both a 400 otherwise)."""
    if req.is_version('2.53'):
        if not _is_uuid(service_id):
            raise exception.Invalid('Invalid uuid %s' % service_id)
    elif not str(service_id).lstrip('-').isdecimal():
        raise exception.Invalid('Invalid input received: id must be an integer')
