"""PasteDeploy factories of the identity endpoint: version discovery and the v3 API.

Mount ``versions_factory`` at ``/`` (and ``/identity``) and ``v3_factory`` at
``/v3`` (and ``/identity/v3``).  Every link is built from the request's own
application URL, so any mount point works.
"""

import webob
from paste import deploy

from novaapi import conf
from novaapi.identity import errors
from novaapi.identity import routes
from novaapi.identity import wsgi

VERSION_ID = 'v3.14'
VERSION_UPDATED = '2020-04-07T00:00:00Z'
MEDIA_TYPE = 'application/vnd.openstack.identity-v3+json'



def version_entry(v3_url):
    """The v3 entry of version discovery, linking to ``v3_url`` (with a trailing slash)."""
    return {'id': VERSION_ID, 'status': 'stable', 'updated': VERSION_UPDATED,
            'links': [{'rel': 'self', 'href': v3_url}],
            'media-types': [{'base': 'application/json', 'type': MEDIA_TYPE}]}


def _v3_document(req):
    return wsgi.json_response({'version': version_entry(req.application_url.rstrip('/') + '/')})


class Versions:
    """``GET /``: 300 Multiple Choices listing the one API version."""

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        path = req.path_info.rstrip('/')
        if path == '/v3':
            resp = wsgi.json_response({'version': version_entry(
                req.application_url.rstrip('/') + '/v3/')})
        elif path:
            resp = wsgi.error_response(req, errors.NotFound())
        elif req.method not in ('GET', 'HEAD'):
            resp = wsgi.error_response(req, errors.MethodNotAllowed(['GET', 'HEAD']))
        else:
            v3_url = req.application_url.rstrip('/') + '/v3/'
            resp = wsgi.json_response({'versions': {'values': [version_entry(v3_url)]}},
                                      status=300)
        if req.method == 'HEAD':
            resp.body = b''
        return resp(environ, start_response)


def versions_factory(global_conf, **local_conf):
    """PasteDeploy ``app`` factory of version discovery."""
    return Versions()


def v3_factory(global_conf, **local_conf):
    """PasteDeploy ``app`` factory of the ``/v3`` API."""
    return wsgi.application(routes.ROUTE_LIST, index=_v3_document)


def build():
    """The whole identity endpoint as nova-api serves it: the ``identity`` pipelines of api-paste.ini."""
    return deploy.loadapp('config:' + conf.CONF.paste_config, name='identity')
