"""``/v2.0/quotas``: a project's network limits, their usage, the defaults; admins set them."""

from novaapi.network import quotas
from novaapi.network.controllers import common
from novaapi.web import responses


def _body(project_id, limits):
    return dict(limits, project_id=project_id, tenant_id=project_id)


def index(call):
    found = common.run(quotas.list_quotas, call.ctx)
    return responses.json_response({'quotas': [_body(p, limits) for p, limits in found]})


def own_project(call):
    return responses.json_response({'project': {'project_id': call.ctx.project_id}})


def own_tenant(call):
    return responses.json_response({'tenant': {'tenant_id': call.ctx.project_id}})


def show(call, project_id):
    return responses.json_response({'quota': common.run(quotas.get_quota, call.ctx, project_id)})


def defaults(call, project_id):
    return responses.json_response(
        {'quota': common.run(quotas.default_quota, call.ctx, project_id)})


def details(call, project_id):
    return responses.json_response(
        {'quota': common.run(quotas.get_details, call.ctx, project_id)})


def update(call, project_id):
    body = call.body(common.bad_request)
    values = body.get('quota')
    if not isinstance(values, dict):
        raise common.bad_request("Unable to find 'quota' in request body")
    return responses.json_response(
        {'quota': common.run(quotas.update_quota, call.ctx, project_id, values)})


def delete(call, project_id):
    common.run(quotas.delete_quota, call.ctx, project_id)
    return responses.no_content()
