"""The image endpoint (a Glance v2 subset): version discovery and ``/v2/images``.

Errors come back the way Glance's WebOb exceptions render (the body follows
the client's ``Accept``); a missing or bad token gets keystonemiddleware's 401.
"""

from paste import deploy

from novaapi import conf
from novaapi.image import routes
from novaapi.web import app as web_app
from novaapi.web import faults
from novaapi.web import responses


def _versions_body(req):
    href = req.host_url + req.script_name + '/v2/'
    return {'versions': [{'id': 'v2.%d' % minor,
                          'status': 'CURRENT' if minor == 16 else 'SUPPORTED',
                          'links': [{'rel': 'self', 'href': href}]}
                         for minor in range(16, -1, -1)]}


def versions(req):
    """Glance answers its root with 300 and ``/versions`` with 200, both listing v2.x."""
    status = 200 if req.path_info.rstrip('/') == '/versions' else 300
    return responses.json_response(_versions_body(req), status=status)


def render_error(req, err):
    """A WebOb HTTP exception, as Glance raises them (plain, HTML or JSON per ``Accept``)."""
    return faults.GLANCE.render(req, err)


def build():
    """The image endpoint as nova-api serves it: the ``image`` pipeline of api-paste.ini."""
    return deploy.loadapp('config:' + conf.CONF.paste_config, name='image')


def app_factory(global_conf, **local_conf):
    """PasteDeploy ``app`` factory of the image endpoint (behind the filters)."""
    return web_app.service_application(routes.ROUTES, versions, render_error, public_paths=('/versions',))
