"""``/v3/role_assignments``"""

from novaapi.identity import assignments
from novaapi.identity import policy
from novaapi.identity import views
from novaapi.identity import wsgi


def list_role_assignments(call):
    policy.enforce(call.token, 'identity:list_role_assignments')
    rows, names = assignments.list_role_assignments(
        dict(call.params), effective=call.flag('effective'),
        include_names=call.flag('include_names'))
    refs = [views.role_assignment(call, row, names) for row in rows]
    return wsgi.json_response(views.collection(call, 'role_assignments', refs))
