"""Pure renderers from rows to Keystone v3 JSON entities."""

ISO_FORMAT = '%Y-%m-%dT%H:%M:%S.%fZ'


def isotime(value):
    return value.strftime(ISO_FORMAT) if value else None


def _with_link(call, collection, ref):
    ref['links'] = {'self': call.url(collection, ref['id'])}
    return ref


def collection(call, key, refs):
    """``{key: refs, "links": {...}}`` with Keystone's (never paginated) links."""
    return {key: refs, 'links': {'self': call.req.url, 'previous': None, 'next': None}}


def domain(call, row):
    return _with_link(call, 'domains', {
        'id': row.id, 'name': row.name, 'description': row.description or '',
        'enabled': row.enabled, 'tags': [], 'options': {}})


def project(call, row):
    return _with_link(call, 'projects', {
        'id': row.id, 'name': row.name, 'domain_id': row.domain_id,
        'description': row.description or '', 'enabled': row.enabled,
        # NOTE: Keystone reports a top-level project's domain as its parent.
        'parent_id': row.parent_id or row.domain_id, 'is_domain': False,
        'tags': [], 'options': {}})


def user(call, row):
    ref = {'id': row.id, 'name': row.name, 'domain_id': row.domain_id, 'enabled': row.enabled,
           'password_expires_at': None, 'options': {}}
    for optional in ('default_project_id', 'description', 'email'):
        if getattr(row, optional):
            ref[optional] = getattr(row, optional)
    return _with_link(call, 'users', ref)


def role(call, row):
    return _with_link(call, 'roles', {
        'id': row.id, 'name': row.name, 'domain_id': None, 'description': row.description,
        'options': {}})


def role_brief(call, row):
    return _with_link(call, 'roles', {'id': row.id, 'name': row.name})


def role_inference(call, prior, implied):
    """One implication: ``implied`` is a role, or the list of roles ``prior`` implies."""
    if isinstance(implied, list):
        implies = [role_brief(call, r) for r in implied]
    else:
        implies = role_brief(call, implied)
    return {'prior_role': role_brief(call, prior), 'implies': implies}


def role_assignment(call, row, names=None):
    """A ``(user_id, project_id, role_id, prior_role_id)`` assignment, with ``names`` when given.

    :param names: ``{'users'|'projects'|'roles': {id: row}, 'domains': {id: name}}``
    """
    user_id, project_id, role_id, prior_id = row
    ref = {'user': {'id': user_id}, 'scope': {'project': {'id': project_id}},
           'role': {'id': role_id}, 'links': {}}
    if names:
        user, project, role = names['users'][user_id], names['projects'][project_id], \
            names['roles'][role_id]
        domains = names['domains']
        ref['user'].update(name=user.name, domain={'id': user.domain_id,
                                                   'name': domains[user.domain_id]})
        ref['scope']['project'].update(name=project.name, domain={
            'id': project.domain_id, 'name': domains[project.domain_id]})
        ref['role']['name'] = role.name
    # NOTE: for an implied role Keystone links the grant of the prior role.
    ref['links']['assignment'] = call.url('projects', project_id, 'users', user_id, 'roles',
                                          prior_id or role_id)
    if prior_id:
        ref['links']['prior_role'] = call.url('prior_role', role_id, 'implies', prior_id)
    return ref


def region(call, row):
    return _with_link(call, 'regions', {
        'id': row.id, 'description': row.description or '',
        'parent_region_id': row.parent_region_id})


def service(call, row):
    ref = {'id': row.id, 'type': row.type, 'name': row.name, 'enabled': row.enabled}
    if row.description:
        ref['description'] = row.description
    return _with_link(call, 'services', ref)


def endpoint(call, row):
    return _with_link(call, 'endpoints', {
        'id': row.id, 'interface': row.interface, 'region_id': row.region_id,
        'region': row.region_id, 'service_id': row.service_id, 'url': row.url,
        'enabled': row.enabled})


def catalog(services, endpoints):
    """The ``catalog`` list of a token from service and endpoint rows."""
    by_service = {}
    for ep in endpoints:
        by_service.setdefault(ep.service_id, []).append({
            'id': ep.id, 'interface': ep.interface, 'region_id': ep.region_id,
            'region': ep.region_id, 'url': ep.url})
    return [{'id': svc.id, 'type': svc.type, 'name': svc.name,
             'endpoints': by_service.get(svc.id, [])}
            for svc in services]


def token(info, catalog_rows=None):
    """The ``{"token": ...}`` body for a :class:`~novaapi.identity.tokens.TokenInfo`.

    :param catalog_rows: ``(services, endpoints)`` of a project-scoped token's
        catalog, or None for a body without one
    """
    body = {
        'methods': list(info.methods),
        'user': {'id': info.user_id, 'name': info.user_name, 'password_expires_at': None,
                 'domain': {'id': info.user_domain_id, 'name': info.user_domain_name}},
        'audit_ids': info.audit_ids,
        'expires_at': isotime(info.expires_at),
        'issued_at': isotime(info.issued_at),
    }
    if info.project_id:
        body['project'] = {'id': info.project_id, 'name': info.project_name,
                           'domain': {'id': info.project_domain_id,
                                      'name': info.project_domain_name}}
        body['is_domain'] = False
        body['roles'] = [dict(r) for r in info.role_refs]
        if catalog_rows is not None:
            body['catalog'] = catalog(*catalog_rows)
    return {'token': body}
