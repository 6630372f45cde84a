"""APIs Nova has removed: every route here answers 410 with Nova's body."""

from novaapi.api import wsgi


class GoneController(wsgi.Controller):

    @wsgi.removed
    def gone(self, req, **kwargs):
        raise AssertionError('removed APIs never run')


def _gone(*methods):
    return {m: ('gone', 'gone') for m in methods}


ROUTES = [
    ('/os-certificates', _gone('POST')),
    ('/os-certificates/{id}', _gone('GET')),
    ('/os-cloudpipe', _gone('GET', 'POST')),
    ('/os-cloudpipe/{id}', _gone('PUT')),
    ('/os-fixed-ips/{id}', _gone('GET')),
    ('/os-fixed-ips/{id}/action', _gone('POST')),
    ('/os-floating-ip-dns', _gone('GET')),
    ('/os-floating-ip-dns/{id}', _gone('PUT', 'DELETE')),
    ('/os-floating-ip-dns/{domain_id}/entries/{id}', _gone('GET', 'PUT', 'DELETE')),
    ('/os-floating-ips-bulk', _gone('GET', 'POST')),
    ('/os-floating-ips-bulk/{id}', _gone('GET', 'PUT')),
    ('/os-fping', _gone('GET')),
    ('/os-fping/{id}', _gone('GET')),
    ('/servers/{server_id}/os-virtual-interfaces', _gone('GET')),
    ('/os-cells', _gone('GET', 'POST')),
    ('/os-cells/capacities', _gone('GET')),
    ('/os-cells/detail', _gone('GET')),
    ('/os-cells/info', _gone('GET')),
    ('/os-cells/sync_instances', _gone('POST')),
    ('/os-cells/{id}', _gone('GET', 'PUT', 'DELETE')),
    ('/os-cells/{id}/capacities', _gone('GET')),
    ('/os-networks/add', _gone('POST')),
    ('/os-networks/{id}/action', _gone('POST')),
    ('/os-security-group-default-rules', _gone('GET', 'POST')),
    ('/os-security-group-default-rules/{id}', _gone('GET', 'DELETE')),
    ('/servers/{server_id}/consoles', _gone('GET', 'POST')),
    ('/servers/{server_id}/consoles/{id}', _gone('GET', 'DELETE')),
    ('/os-agents', _gone('GET', 'POST')),
    ('/os-agents/{id}', _gone('PUT', 'DELETE')),
]
