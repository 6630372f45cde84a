"""``GET /v2.0/``: the core resources of the v2.0 API, with their links."""

from novaapi.web import responses

CORE = (('network', 'networks'), ('subnet', 'subnets'), ('port', 'ports'))


def index(call):
    base = call.req.host_url + call.req.script_name + '/v2.0/'
    return responses.json_response({'resources': [
        {'name': name, 'collection': collection,
         'links': [{'rel': 'self', 'href': base + collection}]} for name, collection in CORE]})
