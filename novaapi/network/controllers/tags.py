"""``/v2.0/{collection}/{id}/tags`` (standard-attr-tag): read, replace and clear a resource's
tags, or check, add and remove one."""

from novaapi.network import resource_tags
from novaapi.network.controllers import common
from novaapi.web import errors as web_errors
from novaapi.web import responses


def _tagged(collection):
    """Only the collections whose resources take tags have ``/tags`` (else Neutron's 404)."""
    if collection not in resource_tags.TAGGED:
        raise web_errors.ApiError(404, 'The resource could not be found.', kind='HTTPNotFound')


def index(call, collection, resource_id):
    _tagged(collection)
    found = common.run(resource_tags.get_tags, call.ctx, collection, resource_id)
    return responses.json_response({'tags': found})


def update_all(call, collection, resource_id):
    _tagged(collection)
    body = call.body(common.bad_request)
    if 'tags' not in body:
        raise common.bad_request('Invalid input for operation: Invalid tags body.')
    found = common.run(resource_tags.set_tags, call.ctx, collection, resource_id, body['tags'])
    return responses.json_response({'tags': found})


def delete_all(call, collection, resource_id):
    _tagged(collection)
    common.run(resource_tags.remove_tags, call.ctx, collection, resource_id)
    return responses.no_content()


def show(call, collection, resource_id, tag):
    _tagged(collection)
    common.run(resource_tags.check_tag, call.ctx, collection, resource_id, tag)
    return responses.no_content()


def update(call, collection, resource_id, tag):
    _tagged(collection)
    common.run(resource_tags.add_tag, call.ctx, collection, resource_id, tag)
    resp = responses.no_content()
    resp.status = 201
    return resp


def delete(call, collection, resource_id, tag):
    _tagged(collection)
    common.run(resource_tags.remove_tag, call.ctx, collection, resource_id, tag)
    return responses.no_content()
