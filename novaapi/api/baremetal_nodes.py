"""``/os-baremetal-nodes`` (2.1-2.35): Nova's proxy to a bare-metal service, here with none.

Listing finds no node and showing one is a 404, as an empty bare-metal service
answers; creating, deleting and the interface actions point at the bare-metal
service's own commands with a 400, as Nova always does.
"""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.compute import policy

MAX_PROXY = '2.35'
ANY_BODY = {}
NOT_PROXIED = 'Command not supported. Please use Ironic command %s to perform this action.'


def _not_proxied(command):
    raise wsgi.Fault(400, NOT_PROXIED % command)


class BareMetalNodeController(wsgi.Controller):

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors((404, 501))
    def index(self, req):
        policy.authorize(req.context, 'os-baremetal-nodes:list', target={})
        return {'nodes': []}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors((404, 501))
    def show(self, req, id):
        policy.authorize(req.context, 'os-baremetal-nodes:show', target={})
        raise wsgi.Fault(404, 'Node %s could not be found.' % id)

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(400)
    @validation.schema(ANY_BODY)
    def create(self, req, body):
        _not_proxied('node-create')

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(400)
    def delete(self, req, id):
        _not_proxied('node-delete')

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(400)
    @wsgi.action('add_interface')
    @validation.schema(ANY_BODY)
    def _add_interface(self, req, id, body):
        _not_proxied('port-create')

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(400)
    @wsgi.action('remove_interface')
    @validation.schema(ANY_BODY)
    def _remove_interface(self, req, id, body):
        _not_proxied('port-delete')
