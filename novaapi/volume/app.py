"""The block-storage endpoint (a Cinder v3 subset): volumes, types, snapshots, attachments,
volume actions, quotas and limits.

Errors use Cinder's body ``{"itemNotFound": {"message", "code"}}``; a missing
or bad token gets keystonemiddleware's 401.  Every ``/v3`` answer carries the
microversion it was served at (``OpenStack-API-Version: volume 3.x``).
"""

from paste import deploy

from novaapi import conf
from novaapi.volume import microversions
from novaapi.volume import routes
from novaapi.volume.controllers import common
from novaapi.web import app as web_app
from novaapi.web import errors
from novaapi.web import faults
from novaapi.web import responses
from novaapi.web.middleware import auth

UPDATED = '2023-08-31T00:00:00Z'


def version_document(req):
    return {'id': 'v3.0', 'status': 'CURRENT', 'version': microversions.text(microversions.MAX),
            'min_version': microversions.text(microversions.MIN), 'updated': UPDATED,
            'links': [{'rel': 'describedby', 'type': 'text/html',
                       'href': 'https://docs.openstack.org/'},
                      {'rel': 'self', 'href': req.host_url + req.script_name + '/v3/'}],
            'media-types': [{'base': 'application/json',
                             'type': 'application/vnd.openstack.volume+json;version=3'}]}


def versions(req):
    """``/``: 300 Multiple Choices listing v3; ``/v3``: 200 with the same document."""
    status = 200 if req.path_info.rstrip('/') == '/v3' else 300
    return responses.json_response({'versions': [version_document(req)]}, status=status)


def _version_headers(req):
    if not req.path_info.startswith('/v3/'):
        return []
    try:
        version = microversions.from_request(req)
    except errors.HTTPError:
        version = microversions.MIN
    return microversions.headers(version)


def render_error(req, err):
    """Cinder's fault body, with the microversion headers on ``/v3`` paths."""
    resp = faults.CINDER.render(req, err)
    for name, value in _version_headers(req) if req is not None else ():
        resp.headers[name] = value
    return resp


def invoke(handler, req, url_vars):
    """Call ``handler`` with a :class:`~novaapi.volume.controllers.common.Call`.

    :raises errors.HTTPError: a bad microversion, or a URL naming another project than the
        token's (Cinder's "Malformed request url")
    """
    version = microversions.from_request(req)
    ctx = req.environ.get(auth.ENV_CONTEXT)
    project_id = url_vars.pop('project_id', None)
    if project_id is not None and ctx is not None and project_id != ctx.project_id:
        raise errors.ApiError(400, 'Malformed request url')
    resp = handler(common.Call(req, ctx, version), **url_vars)
    for name, value in microversions.headers(version):
        resp.headers[name] = value
    return resp


def build():
    """The block-storage endpoint as nova-api serves it: the ``volume`` pipeline."""
    return deploy.loadapp('config:' + conf.CONF.paste_config, name='volume')


def app_factory(global_conf, **local_conf):
    """PasteDeploy ``app`` factory of the block-storage endpoint (behind the filters)."""
    return web_app.Application(routes.ALL, render_error, invoke=invoke,
                               pages={'': versions, '/v3': versions})
