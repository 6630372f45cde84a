"""``/v2.0/extensions``: the Neutron extensions the endpoint implements."""

from novaapi.web import responses

EXTENSIONS = (('security-group', 'security-group', 'The security groups extension.'),
              ('external-net', 'Neutron external network', 'Adds external network attribute '
               'to network resource.'),
              ('port-security', 'Port Security', 'Provides port security'),
              ('project-id', 'project_id field enabled', 'Extension that indicates that '
               'project_id field is enabled.'))


def index(call):
    return responses.json_response({'extensions': [
        {'alias': alias, 'name': name, 'description': description, 'links': [],
         'updated': '2013-01-01T10:00:00-00:00'} for alias, name, description in EXTENSIONS]})
