"""``/v3/domains``"""

import functools

from novaapi.identity import domains
from novaapi.identity import policy
from novaapi.identity import schemas
from novaapi.identity import views
from novaapi.identity import wsgi


def list_domains(call):
    policy.enforce(call.token, 'identity:list_domains')
    return wsgi.listing(call, 'domains', views.domain, domains.list_domains(dict(call.params)))


def create_domain(call):
    policy.enforce(call.token, 'identity:create_domain')
    row = domains.create_domain(schemas.entity_body(call, 'domain', schemas.domain_create))
    return wsgi.show(call, 'domain', views.domain, row, status=201)


def get_domain(call, domain_id):
    policy.enforce(call.token, 'identity:get_domain', {'domain_id': domain_id})
    return wsgi.show(call, 'domain', views.domain, domains.get_domain(domain_id))


def update_domain(call, domain_id):
    policy.enforce(call.token, 'identity:update_domain')
    row = domains.update_domain(domain_id, functools.partial(
        schemas.entity_body, call, 'domain', schemas.domain_update))
    return wsgi.show(call, 'domain', views.domain, row)


def delete_domain(call, domain_id):
    policy.enforce(call.token, 'identity:delete_domain')
    domains.delete_domain(domain_id)
    return wsgi.no_content()
