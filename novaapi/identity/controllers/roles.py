"""``/v3/roles``, the roles each implies (``/v3/roles/{id}/implies``), ``/v3/role_inferences``."""

import functools

from novaapi.identity import policy
from novaapi.identity import roles
from novaapi.identity import schemas
from novaapi.identity import views
from novaapi.identity import wsgi


def list_roles(call):
    policy.enforce(call.token, 'identity:list_roles')
    return wsgi.listing(call, 'roles', views.role, roles.list_roles(dict(call.params)))


def create_role(call):
    policy.enforce(call.token, 'identity:create_role')
    row = roles.create_role(schemas.entity_body(call, 'role', schemas.role_create))
    return wsgi.show(call, 'role', views.role, row, status=201)


def get_role(call, role_id):
    policy.enforce(call.token, 'identity:get_role')
    return wsgi.show(call, 'role', views.role, roles.get_role(role_id))


def update_role(call, role_id):
    policy.enforce(call.token, 'identity:update_role')
    row = roles.update_role(role_id, functools.partial(
        schemas.entity_body, call, 'role', schemas.role_update))
    return wsgi.show(call, 'role', views.role, row)


def delete_role(call, role_id):
    policy.enforce(call.token, 'identity:delete_role')
    roles.delete_role(role_id)
    return wsgi.no_content()


# -- implied roles ---------------------------------------------------------------------------

def list_implied_roles(call, prior_role_id):
    policy.enforce(call.token, 'identity:list_implied_roles')
    prior, implied = roles.list_implied_roles(prior_role_id)
    return wsgi.json_response({'role_inference': views.role_inference(call, prior, implied),
                               'links': {'self': call.url('roles', prior.id, 'implies')}})


def create_implied_role(call, prior_role_id, implied_role_id):
    policy.enforce(call.token, 'identity:create_implied_role')
    prior, implied = roles.create_implied_role(prior_role_id, implied_role_id)
    return wsgi.json_response({'role_inference': views.role_inference(call, prior, implied)},
                              status=201)


def get_implied_role(call, prior_role_id, implied_role_id):
    """GET/HEAD: HEAD only checks that the implication exists."""
    head = call.req.method == 'HEAD'
    policy.enforce(call.token, 'identity:check_implied_role' if head
                   else 'identity:get_implied_role')
    prior, implied = roles.get_implied_role(prior_role_id, implied_role_id)
    if head:
        return wsgi.no_content()
    return wsgi.json_response({'role_inference': views.role_inference(call, prior, implied)})


def delete_implied_role(call, prior_role_id, implied_role_id):
    policy.enforce(call.token, 'identity:delete_implied_role')
    roles.delete_implied_role(prior_role_id, implied_role_id)
    return wsgi.no_content()


def list_role_inferences(call):
    """GET /v3/role_inferences: every implication, grouped by prior role."""
    policy.enforce(call.token, 'identity:list_role_inference_rules')
    refs = [views.role_inference(call, prior, implied)
            for prior, implied in roles.list_role_inferences()]
    return wsgi.json_response({'role_inferences': refs,
                               'links': {'self': call.url('role_inferences')}})
