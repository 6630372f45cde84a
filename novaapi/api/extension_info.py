"""/extensions: the fixed list of API extensions Nova advertises to old clients."""

from novaapi.api import extension_list
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_sub
from novaapi.compute import policy
from novaapi import exception

NAMESPACE = 'http://docs.openstack.org/compute/ext/fake_xml'
UPDATED = '2014-12-03T00:00:00Z'


def _view(alias, name, description):
    return {'alias': alias, 'description': description, 'links': [], 'name': name,
            'namespace': NAMESPACE, 'updated': UPDATED}


class ExtensionInfoController(wsgi.Controller):

    @wsgi.expected_errors(())
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req):
        policy.authorize(req.context, 'extensions', target={})
        return {'extensions': [_view(*item) for item in extension_list.EXTENSIONS]}

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def show(self, req, id):
        policy.authorize(req.context, 'extensions', target={})
        for item in extension_list.EXTENSIONS:
            if item[0] == id:
                return {'extension': _view(*item)}
        raise exception.NotFound(wsgi.NOT_FOUND)
