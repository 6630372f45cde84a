"""``/v2.0/extensions``: the Neutron extensions the endpoint implements, and only those.

Clients decide by this list (openstacksdk's cloud layer, openstackclient,
Nova), so an alias appears here only once its behaviour is served.
"""

from novaapi.web import errors as web_errors
from novaapi.web import responses

UPDATED = '2013-01-01T10:00:00-00:00'

EXTENSIONS = (
    ('security-group', 'security-group', 'The security groups extension.'),
    ('external-net', 'Neutron external network', 'Adds external network attribute to network '
     'resource.'),
    ('router', 'Neutron L3 Router', 'Router abstraction for basic L3 forwarding between L2 '
     'Neutron networks and access to external networks via a NAT gateway.'),
    ('ext-gw-mode', 'Neutron L3 Configurable external gateway mode', 'Extension of the router '
     'abstraction for specifying whether SNAT should occur on the external gateway'),
    ('extraroute', 'Neutron Extra Route', 'Extra routes configuration for L3 router'),
    ('extraroute-atomic', 'Atomically add/remove extra routes', 'Edit extra routes of a router '
     'on server side by atomically adding/removing extra routes'),
    ('fip-port-details', 'Floating IP Port Details Extension', 'Add port_details attribute to '
     'Floating IP resource'),
    ('auto-allocated-topology', 'Auto Allocated Topology Services', 'Auto Allocated Topology '
     'Services.'),
    ('floatingip-pools', 'Floating IP Pools Extension', 'Provides a floating IP pools API.'),
    ('port-security', 'Port Security', 'Provides port security'),
    ('project-id', 'project_id field enabled', 'Extension that indicates that project_id field '
     'is enabled.'),
    ('allowed-address-pairs', 'Allowed Address Pairs', 'Provides allowed address pairs'),
    ('binding', 'Port Binding', 'Expose port bindings of a virtual port to external application'),
    ('net-mtu', 'Network MTU', 'Provides MTU attribute for a network resource.'),
    ('quotas', 'Quota management support', 'Expose functions for quotas management per project'),
    ('quota_details', 'Quota details management support', 'Expose functions for quotas usage '
     'statistics per project'),
    ('quota-check-limit', 'Quota engine limit check', 'Checks the resource usage before applying '
     'a new quota limit when asked to'),
    ('quota-check-limit-default', 'Quota engine limit check by default', 'The quota engine checks '
     'the resource usage before applying a new quota limit unless forced'),
    ('pagination', 'Pagination support', 'Extension that indicates that pagination is enabled.'),
    ('sorting', 'Sorting support', 'Extension that indicates that sorting is enabled.'),
    ('filter-validation', 'Filter parameters validation', 'Provides validation on filter '
     'parameters.'),
    ('empty-string-filtering', 'Empty String Filtering Extension', 'Allow filtering by '
     'attributes with empty string value'),
    ('standard-attr-description', 'standard-attr-description', 'Extension to add descriptions '
     'to standard attributes'),
    ('standard-attr-timestamp', 'Resource timestamps', 'Adds created_at and updated_at fields '
     'to all Neutron resources that have Neutron standard attributes.'),
    ('standard-attr-revisions', 'Resource revision numbers', 'This extension will display the '
     'revision number of neutron resources.'),
    ('standard-attr-tag', 'Tag support for resources with standard attribute', 'Enables to set '
     'tag on resources with standard attribute.'),
    ('tag-creation', 'Tag support for resources during creation', 'Enables to set tags on '
     'resources at creation.'),
)


def _body(alias, name, description):
    return {'alias': alias, 'name': name, 'description': description, 'links': [],
            'updated': UPDATED}


def index(call):
    return responses.json_response({'extensions': [_body(*e) for e in EXTENSIONS]})


def show(call, alias):
    for extension in EXTENSIONS:
        if extension[0] == alias:
            return responses.json_response({'extension': _body(*extension)})
    raise web_errors.ApiError(404, 'Extension with alias %s does not exist' % alias,
                              kind='ExtensionNotFound')
