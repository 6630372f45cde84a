"""``/v3/users/{user_id}/application_credentials`` and ``/v3/users/{user_id}/access_rules``."""

from novaapi.identity import application_credentials
from novaapi.identity import policy
from novaapi.identity import schemas
from novaapi.identity import views
from novaapi.identity import wsgi


def _render(call, found, secret=None):
    row, roles, rules = found
    return views.application_credential(call, row, roles, rules, secret=secret)


def create_application_credential(call, user_id):
    token = policy.enforce(call.token, 'identity:create_application_credential',
                           {'user_id': user_id})
    ref = schemas.entity_body(call, 'application_credential',
                              schemas.application_credential_create)
    row, roles, rules, secret = application_credentials.create(token, user_id, ref)
    return wsgi.json_response(
        {'application_credential': _render(call, (row, roles, rules), secret=secret)},
        status=201)


def list_application_credentials(call, user_id):
    policy.enforce(call.token, 'identity:list_application_credentials', {'user_id': user_id})
    found = application_credentials.list_credentials(user_id, call.params.get('name'))
    return wsgi.json_response(views.collection(
        call, 'application_credentials', [_render(call, f) for f in found]))


def get_application_credential(call, user_id, application_credential_id):
    policy.enforce(call.token, 'identity:get_application_credential', {'user_id': user_id})
    found = application_credentials.get_credential(user_id, application_credential_id)
    return wsgi.json_response({'application_credential': _render(call, found)})


def delete_application_credential(call, user_id, application_credential_id):
    token = policy.enforce(call.token, 'identity:delete_application_credential',
                           {'user_id': user_id})
    application_credentials.delete_credential(token, user_id, application_credential_id)
    return wsgi.no_content()


def list_access_rules(call, user_id):
    policy.enforce(call.token, 'identity:list_access_rules', {'user_id': user_id})
    rows = application_credentials.list_access_rules(user_id, call.params)
    return wsgi.listing(call, 'access_rules', views.access_rule, rows)


def get_access_rule(call, user_id, access_rule_id):
    policy.enforce(call.token, 'identity:get_access_rule', {'user_id': user_id})
    row = application_credentials.get_access_rule(user_id, access_rule_id)
    return wsgi.show(call, 'access_rule', views.access_rule, row)


def delete_access_rule(call, user_id, access_rule_id):
    policy.enforce(call.token, 'identity:delete_access_rule', {'user_id': user_id})
    application_credentials.delete_access_rule(user_id, access_rule_id)
    return wsgi.no_content()
