"""The per-request security context that auth middleware builds and controllers read."""

import dataclasses


@dataclasses.dataclass
class RequestContext:
    user_id: str
    project_id: str
    roles: list
    user_name: str = None
    project_name: str = None
    user_domain_id: str = None
    project_domain_id: str = None
    auth_token: str = None
    request_id: str = None
    global_request_id: str = None
    service_catalog: list = dataclasses.field(default_factory=list)
    system_scope: str = None
    domain_id: str = None
    domain_name: str = None
    # The request's memo (novaapi.web.middleware.request_memo): the generations read once a
    # request, shared by the token check and the server views' kept reads. None outside a
    # request.
    memo: dict = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def scope(self):
        """The token's scope as oslo.policy names it: ``system``, ``domain`` or ``project``.

        An unscoped token counts as ``project`` (with no project), as in oslo.policy.
        """
        if self.system_scope:
            return 'system'
        if self.domain_id:
            return 'domain'
        return 'project'

    @property
    def scoped(self):
        """True for a project-, domain- or system-scoped token."""
        return bool(self.project_id or self.domain_id or self.system_scope)

    @property
    def is_admin(self):
        return 'admin' in self.roles

    def has_role(self, role):
        return role in self.roles

    @classmethod
    def from_headers(cls, headers, request_id=None):
        """Build from the headers keystonemiddleware sets; None without a user id.

        A system-scoped token comes as ``OpenStack-System-Scope: all``, a
        domain-scoped one as ``X-Domain-Id``/``X-Domain-Name`` (no project).
        """
        user_id = headers.get('X-User-Id')
        if not user_id:
            return None
        roles = [r.strip() for r in headers.get('X-Roles', '').split(',') if r.strip()]
        return cls(user_id=user_id,
                   project_id=headers.get('X-Project-Id') or headers.get('X-Tenant-Id'),
                   roles=roles,
                   user_name=headers.get('X-User-Name'),
                   project_name=headers.get('X-Project-Name'),
                   user_domain_id=headers.get('X-User-Domain-Id'),
                   project_domain_id=headers.get('X-Project-Domain-Id'),
                   auth_token=headers.get('X-Auth-Token'),
                   request_id=request_id,
                   system_scope=headers.get('OpenStack-System-Scope'),
                   domain_id=headers.get('X-Domain-Id'),
                   domain_name=headers.get('X-Domain-Name'))
