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

    @property
    def is_admin(self):
        return 'admin' in self.roles

    def has_role(self, role):
        return role in self.roles

    @classmethod
    def from_headers(cls, headers, request_id=None):
        """Build from the X-* headers keystonemiddleware sets; None without a user id."""
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
                   request_id=request_id)
