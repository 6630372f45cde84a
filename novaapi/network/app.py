"""The network endpoint (a Neutron v2.0 subset): networks, subnets, ports, security groups.

Errors use Neutron's body ``{"NeutronError": {"type", "message", "detail"}}``;
a missing or bad token gets keystonemiddleware's 401.
"""

from paste import deploy

from novaapi import conf
from novaapi.network import routes
from novaapi.web import app as web_app
from novaapi.web import faults
from novaapi.web import responses


def versions(req):
    href = req.host_url + req.script_name + '/v2.0/'
    return responses.json_response({'versions': [{'id': 'v2.0', 'status': 'CURRENT',
                                             'links': [{'rel': 'self', 'href': href}]}]})


def render_error(req, err):
    """Neutron's body: ``{"NeutronError": {"type", "message", "detail"}}``."""
    return faults.NEUTRON.render(req, err)


def build():
    """The network endpoint as nova-api serves it: the ``network`` pipeline of api-paste.ini."""
    return deploy.loadapp('config:' + conf.CONF.paste_config, name='network')


def app_factory(global_conf, **local_conf):
    """PasteDeploy ``app`` factory of the network endpoint (behind the filters)."""
    return web_app.service_application(routes.ROUTES, versions, render_error)
