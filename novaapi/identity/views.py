"""Pure renderers from rows to Keystone v3 JSON entities."""

import urllib.parse

ISO_FORMAT = '%Y-%m-%dT%H:%M:%S.%fZ'


def isotime(value):
    return value.strftime(ISO_FORMAT) if value else None


def _with_link(call, collection, ref):
    ref['links'] = {'self': call.url(collection, ref['id'])}
    return ref


def collection(call, key, refs, page=None):
    """``{key: refs, "links": {...}}``; a full :class:`~novaapi.identity.store.Page` of
    users or projects also says ``truncated`` and links the page after its last row."""
    body = {key: refs, 'links': {'self': call.req.url, 'previous': None, 'next': None}}
    if page is not None and page.truncated:
        body['truncated'] = True
        if refs:
            args = dict(call.req.GET.items())
            args.update(marker=refs[-1]['id'], limit=page.limit)
            body['links']['next'] = '%s?%s' % (call.url(key), urllib.parse.urlencode(args))
    return body


def tags(call, values):
    """A project's tags as Keystone answers them (its ``self`` link is the API root)."""
    return {'tags': list(values), 'links': {'self': call.url()}}


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
        'tags': row.tags, 'options': {}})


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


def _named(ref, row, domains):
    ref.update(name=row.name, domain={'id': row.domain_id, 'name': domains[row.domain_id]})


def role_assignment(call, row, names=None):
    """One assignment row of :func:`assignments.list_role_assignments`, with ``names`` when given.

    :param names: ``{'users'|'groups'|'projects'|'roles': {id: row}, 'domains': {id: name}}``
    """
    actor = 'user' if row['user_id'] else 'group'
    actor_id = row['user_id'] or row['group_id']
    scope, target_id, role_id = row['scope'], row['target_id'], row['role_id']
    ref = {actor: {'id': actor_id}, 'role': {'id': role_id}, 'links': {}}
    ref['scope'] = {'system': {'all': True}} if scope == 'system' else {scope: {'id': target_id}}
    if names:
        domains = names['domains']
        _named(ref[actor], names[actor + 's'][actor_id], domains)
        if scope == 'project':
            _named(ref['scope']['project'], names['projects'][target_id], domains)
        elif scope == 'domain':
            ref['scope']['domain']['name'] = domains.get(target_id)
        ref['role']['name'] = names['roles'][role_id].name
    # NOTE: an effective row links the grant it comes from: the group's, the prior role's.
    granted_to = ('groups', row['via_group_id']) if row['via_group_id'] else (actor + 's',
                                                                             actor_id)
    granted_role = row['prior_role_id'] or role_id
    if scope == 'system':
        ref['links']['assignment'] = call.url('system', *granted_to, 'roles', granted_role)
    else:
        ref['links']['assignment'] = call.url(scope + 's', target_id, *granted_to, 'roles',
                                              granted_role)
    if row['via_group_id']:
        ref['links']['membership'] = call.url('groups', row['via_group_id'], 'users', actor_id)
    if row['prior_role_id']:
        ref['links']['prior_role'] = call.url('roles', row['prior_role_id'], 'implies', role_id)
    return ref


def group(call, row):
    return _with_link(call, 'groups', {'id': row.id, 'name': row.name,
                                       'domain_id': row.domain_id,
                                       'description': row.description or ''})


def user_group(call, row):
    ref = group(call, row)
    ref['membership_expires_at'] = None
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


def endpoint_url(url, project_id):
    """An endpoint URL with Keystone's ``$(project_id)s`` / ``%(project_id)s`` (and the legacy
    ``tenant_id``) filled in for a token's catalog."""
    for name in ('project_id', 'tenant_id'):
        for template in ('$(%s)s' % name, '%%(%s)s' % name):
            url = url.replace(template, project_id or '')
    return url


def catalog(services, endpoints, project_id=None):
    """The ``catalog`` list of a token from service and endpoint rows."""
    by_service = {}
    for ep in endpoints:
        by_service.setdefault(ep.service_id, []).append({
            'id': ep.id, 'interface': ep.interface, 'region_id': ep.region_id,
            'region': ep.region_id, 'url': endpoint_url(ep.url, project_id)})
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
    elif info.domain_id:
        body['domain'] = {'id': info.domain_id, 'name': info.domain_name}
    elif info.system:
        body['system'] = {'all': True}
    if info.project_id or info.domain_id or info.system:
        body['roles'] = [dict(r) for r in info.role_refs]
        if catalog_rows is not None:
            body['catalog'] = catalog(*catalog_rows, project_id=info.project_id)
    if info.application_credential:
        body['application_credential'] = dict(info.application_credential)
    return {'token': body}


def application_credential(call, row, roles, rules, secret=None):
    """An application credential; its ``secret`` only in the answer to its creation."""
    ref = {'id': row.id, 'name': row.name, 'description': row.description,
           'expires_at': row.expires_at.strftime('%Y-%m-%dT%H:%M:%S.%f')
           if row.expires_at else None,
           'project_id': row.project_id, 'unrestricted': bool(row.unrestricted),
           'roles': [{'id': r.id, 'name': r.name, 'domain_id': None} for r in roles],
           'links': {'self': call.url('users', row.user_id, 'application_credentials',
                                      row.id)}}
    if rules:
        ref['access_rules'] = [access_rule_brief(r) for r in rules]
    if secret is not None:
        ref['secret'] = secret
    return ref


def access_rule_brief(row):
    return {'id': row.id, 'service': row.service, 'path': row.path, 'method': row.method}


def access_rule(call, row):
    ref = access_rule_brief(row)
    ref['links'] = {'self': call.url('access_rules', row.id)}
    return ref
