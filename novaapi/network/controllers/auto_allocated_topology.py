"""``/v2.0/auto-allocated-topology/{project_id}``: a project's own network, built on first
request (``?fields=dry-run`` only checks it could be), and its removal."""

from novaapi.network import auto_allocation
from novaapi.network.controllers import common
from novaapi.web import responses


def show(call, project_id):
    body = common.run(auto_allocation.get_topology, call.ctx, project_id,
                      call.params.getall('fields'))
    return responses.json_response({'auto_allocated_topology': body})


def delete(call, project_id):
    common.run(auto_allocation.delete_topology, call.ctx, project_id)
    return responses.no_content()
