"""``/v3/auth``: issue, validate and revoke tokens; the caller's catalog and scopes."""

from novaapi.identity import assignments
from novaapi.identity import authentication
from novaapi.identity import catalog
from novaapi.identity import errors
from novaapi.identity import policy
from novaapi.identity import projects
from novaapi.identity import schemas
from novaapi.identity import views
from novaapi.identity import wsgi

SUBJECT_HEADER = 'X-Subject-Token'
ACCESS_RULES_HEADER = 'OpenStack-Identity-Access-Rules'


def issue_token(call):
    """POST /v3/auth/tokens"""
    auth = call.body().get('auth')
    if not isinstance(auth, dict):
        raise errors.ValidationError.expecting('auth', 'request body')
    schemas.validate(schemas.token_issue, auth)
    schemas.check_id_or_name(auth)
    token_id, info, catalog_rows = authentication.issue_token(
        auth['identity'], auth.get('scope'), with_catalog=not call.flag('nocatalog'))
    return wsgi.json_response(views.token(info, catalog_rows), status=201,
                              headers={SUBJECT_HEADER: token_id})


def validate_token(call):
    """GET/HEAD /v3/auth/tokens"""
    caller = call.authenticated()
    subject_id = call.req.headers.get(SUBJECT_HEADER)
    rule = 'identity:check_token' if call.req.method == 'HEAD' else 'identity:validate_token'
    info, catalog_rows = authentication.validate_token(
        caller, subject_id, rule, with_catalog=not call.flag('nocatalog'),
        access_rules_version=call.req.headers.get(ACCESS_RULES_HEADER))
    return wsgi.json_response(views.token(info, catalog_rows),
                              headers={SUBJECT_HEADER: subject_id})


def revoke_token(call):
    """DELETE /v3/auth/tokens"""
    caller = call.authenticated()
    authentication.revoke_token(caller, call.req.headers.get(SUBJECT_HEADER))
    return wsgi.no_content()


def get_catalog(call):
    """GET /v3/auth/catalog"""
    token = policy.enforce(call.token, 'identity:get_auth_catalog')
    return wsgi.json_response({'catalog': views.catalog(*catalog.token_catalog(token),
                                                             project_id=token.project_id),
                               'links': {'self': call.url('auth', 'catalog')}})


def get_projects(call):
    """GET /v3/auth/projects"""
    token = policy.enforce(call.token, 'identity:get_auth_projects')
    rows = projects.list_user_projects(token.user_id, check_user=False)
    return wsgi.listing(call, 'projects', views.project, rows)


def get_domains(call):
    """GET /v3/auth/domains: the domains the caller holds a role on."""
    token = policy.enforce(call.token, 'identity:get_auth_domains')
    return wsgi.listing(call, 'domains', views.domain, assignments.user_domains(token.user_id))


def get_system(call):
    """GET /v3/auth/system: ``[{"all": true}]`` when the caller holds a role on the system."""
    token = policy.enforce(call.token, 'identity:get_auth_system')
    system = [{'all': True}] if assignments.has_system_role(token.user_id) else []
    return wsgi.json_response({'system': system, 'links': {'self': call.url('auth', 'system')}})
