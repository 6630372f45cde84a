"""Version documents: the list at ``/``, the v2.1 document (also ``/versions/{id}``), the legacy
v2.0 document at ``/v2``, and 300 choices elsewhere."""

import webob.dec

from novaapi.api import api_version
from novaapi.api import wsgi
from novaapi.web import responses

_VERSIONS = (
    {'id': 'v2.0', 'status': 'DEPRECATED', 'version': '', 'min_version': '',
     'updated': '2025-07-04T12:00:00Z', 'path': 'v2/', 'media': 'application/vnd.openstack.compute+json;version=2'},
    {'id': 'v2.1', 'status': 'CURRENT', 'version': api_version.MAX_VERSION,
     'min_version': api_version.MIN_VERSION, 'updated': '2013-07-23T11:33:21Z', 'path': 'v2.1/',
     'media': 'application/vnd.openstack.compute+json;version=2.1'},
)
_KEYS = ('id', 'status', 'version', 'min_version', 'updated')


def _summary(entry, host_url):
    doc = {key: entry[key] for key in _KEYS}
    doc['links'] = [{'rel': 'self', 'href': '%s/%s' % (host_url, entry['path'])}]
    return doc


def version_document(self_href, version_id='v2.1'):
    """One version's document; its self link is the root it was asked under, as Nova links it."""
    entry = next(e for e in _VERSIONS if e['id'] == version_id)
    doc = {key: entry[key] for key in _KEYS}
    doc['links'] = [{'rel': 'self', 'href': self_href}]
    doc['links'].append({'rel': 'describedby', 'type': 'text/html', 'href': 'http://docs.openstack.org/'})
    doc['media-types'] = [{'base': 'application/json', 'type': entry['media']}]
    return {'version': doc}


def _host_url(req):
    """The URL of the service root, whatever prefix a proxy or urlmap added below it."""
    return req.host_url + req.environ.get('novaapi.root_prefix', '')


@webob.dec.wsgify
def versions_app(req):
    """``GET /``: every version; any other unmatched path: 300 choices."""
    host_url = _host_url(req)
    if req.path_info in ('', '/'):
        return responses.json_response({'versions': [_summary(e, host_url) for e in _VERSIONS]})
    choices = []
    for entry in _VERSIONS:
        doc = {'id': entry['id'], 'status': entry['status'],
               'links': [{'rel': 'self', 'href': '%s/%s%s' % (host_url, entry['path'].rstrip('/'),
                                                               req.path_info)}],
               'media-types': [{'base': 'application/json', 'type': entry['media']}]}
        choices.append(doc)
    return responses.json_response({'choices': choices}, status=300)


class VersionsController(wsgi.Controller):
    """``GET /v2.1/`` (no auth) and ``GET /v2.1/{project_id}/`` through the router."""

    @wsgi.expected_errors(404)
    def show(self, req, id='v2.1', **_body):
        # The bare /v2.1 document answers every method; a PUT or POST body is ignored, as Nova does.
        if not any(entry['id'] == id for entry in _VERSIONS):
            raise wsgi.Fault(404, wsgi.NOT_FOUND)
        return version_document(_host_url(req) + '/v2.1/', id)


def versions_factory(global_conf, **local_conf):
    return versions_app


class _V21Document:
    """The unauthenticated ``/v2.1`` document; a Resource, so it carries version headers."""

    def __init__(self):
        self.resource = wsgi.Resource(VersionsController())

    def __call__(self, environ, start_response):
        environ['wsgiorg.routing_args'] = ((), {'action': 'show'})
        return self.resource(environ, start_response)


def v21_document_factory(global_conf, **local_conf):
    return _V21Document()


@webob.dec.wsgify
def legacy_v2_document(req):
    """``/v2`` and ``/v2/``: the deprecated v2.0 document, without microversion headers."""
    return responses.json_response(version_document(_host_url(req) + '/v2/', 'v2.0'))


def legacy_v2_document_factory(global_conf, **local_conf):
    return legacy_v2_document
