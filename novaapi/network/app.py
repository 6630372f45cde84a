"""The network endpoint (a Neutron v2.0 subset): networks, subnets, ports, security groups.

Errors use Neutron's body ``{"NeutronError": {"type", "message", "detail"}}``;
a missing or bad token gets keystonemiddleware's 401.
"""

import ipaddress

from paste import deploy

from novaapi import conf
from novaapi import exception
from novaapi.network import wsgi
from novaapi.network import api
from novaapi.network import views
from novaapi.web import faults

NETWORK_WRITABLE = ('name', 'admin_state_up', 'shared', 'router:external', 'mtu',
                    'description', 'project_id', 'tenant_id')
PORT_CREATE = ('network_id', 'name', 'device_id', 'device_owner', 'fixed_ips', 'admin_state_up',
               'mac_address', 'description', 'project_id', 'tenant_id', 'security_groups')
PORT_UPDATE = ('name', 'device_id', 'device_owner', 'admin_state_up', 'description')
# Domain errors -> the Neutron error type their body names.
ERROR_TYPES = {exception.NetworkNotFound: 'NetworkNotFound', exception.PortNotFound: 'PortNotFound',
               api.SubnetNotFound: 'SubnetNotFound', api.InvalidIpForNetwork: 'InvalidIpForNetwork',
               api.IpAddressAlreadyAllocated: 'IpAddressAlreadyAllocated',
               api.IpAddressGenerationFailure: 'IpAddressGenerationFailure',
               api.MacAddressInUse: 'MacAddressInUse'}
EXTENSIONS = (('security-group', 'security-group', 'The security groups extension.'),
              ('external-net', 'Neutron external network', 'Adds external network attribute '
               'to network resource.'),
              ('port-security', 'Port Security', 'Provides port security'),
              ('project-id', 'project_id field enabled', 'Extension that indicates that '
               'project_id field is enabled.'))


def versions(req):
    href = req.host_url + req.script_name + '/v2.0/'
    return wsgi.json_response({'versions': [{'id': 'v2.0', 'status': 'CURRENT',
                                             'links': [{'rel': 'self', 'href': href}]}]})


def render_error(req, err):
    """Neutron's body: ``{"NeutronError": {"type", "message", "detail"}}``."""
    return faults.NEUTRON.render(req, err)


def bad_request(message):
    return wsgi.ApiError(400, message, kind='HTTPBadRequest')


def invalid_input(message):
    return wsgi.ApiError(400, 'Invalid input for operation: %s.' % message, kind='InvalidInput')


def not_found(kind, message):
    return wsgi.ApiError(404, message, kind=kind)


def policy_error(rule):
    return wsgi.ApiError(403, '(rule:%s) is disallowed by policy' % rule,
                         kind='PolicyNotAuthorized')


def domain_error(err):
    """The ApiError of a domain exception, with Neutron's wording for the not-found ones."""
    kind = ERROR_TYPES.get(type(err), type(err).__name__)
    message = err.message
    if isinstance(err, exception.NetworkNotFound):
        message = 'Network %s could not be found.' % err.kwargs['network_id']
    elif isinstance(err, exception.PortNotFound):
        message = 'Port %s could not be found.' % err.kwargs['port_id']
    return wsgi.ApiError(err.code, message, kind=kind)


def _run(func, *args):
    try:
        return func(*args)
    except exception.NovaException as err:
        raise domain_error(err) from None


def to_bool(value):
    text = str(value).strip().lower()
    if text in ('true', '1', 'yes', 'on', 't', 'y'):
        return True
    if text in ('false', '0', 'no', 'off', 'f', 'n'):
        return False
    raise invalid_input("'%s' cannot be converted to boolean" % value)


def _filters(call, columns, booleans=()):
    """``{column: [values]}`` from repeatable query parameters; ``tenant_id`` means project."""
    filters = {}
    for param, column in columns.items():
        values = call.params.getall(param)
        if values:
            filters.setdefault(column, []).extend(
                [to_bool(v) for v in values] if param in booleans else values)
    return filters


def _listing(call, key, render, rows):
    fields = call.params.getall('fields')
    return wsgi.json_response({key: [views.only_fields(render(r), fields) for r in rows]})


def _show(call, key, render, row, status=200):
    return wsgi.json_response({key: views.only_fields(render(row), call.params.getall('fields'))},
                              status=status)


def _resource(call, key, allowed):
    body = call.body(bad_request)
    item = body.get(key)
    if not isinstance(item, dict):
        raise bad_request("Unable to find '%s' in request body" % key)
    unknown = sorted(set(item) - set(allowed))
    if unknown:
        raise bad_request("Unrecognized attribute(s) '%s'" % ', '.join(unknown))
    return dict(item)


def _owner(call, item, rule):
    """The project a new resource belongs to; only admins may name another one."""
    project_id = item.pop('project_id', None) or item.pop('tenant_id', None) or call.ctx.project_id
    item.pop('tenant_id', None)
    if project_id != call.ctx.project_id and not call.ctx.is_admin:
        raise policy_error(rule)
    return project_id


# --- networks ---------------------------------------------------------------------------

def list_networks(call):
    filters = _filters(call, {'id': 'id', 'name': 'name', 'shared': 'shared',
                              'project_id': 'project_id', 'tenant_id': 'project_id',
                              'router:external': 'external'}, booleans=('shared', 'router:external'))
    return _listing(call, 'networks', views.network, api.list_networks(call.sess, call.ctx, filters))


def show_network(call, network_id):
    return _show(call, 'network', views.network, _run(api.get_network, call.sess, call.ctx, network_id))


def create_network(call):
    item = _resource(call, 'network', NETWORK_WRITABLE)
    values = {'project_id': _owner(call, item, 'create_network')}
    for key, column in (('shared', 'shared'), ('router:external', 'external'),
                        ('admin_state_up', 'admin_state_up')):
        if key in item:
            values[column] = to_bool(item[key])
    if (values.get('shared') or values.get('external')) and not call.ctx.is_admin:
        raise policy_error('create_network and rule:create_network:shared')
    values.update({k: item[k] for k in ('name', 'mtu', 'description') if k in item})
    network = api.create_network(call.sess, call.ctx, values)
    return _show(call, 'network', views.network, network, status=201)


# --- subnets ----------------------------------------------------------------------------

def list_subnets(call):
    filters = _filters(call, {'id': 'id', 'name': 'name', 'network_id': 'network_id',
                              'cidr': 'cidr', 'project_id': 'project_id',
                              'tenant_id': 'project_id', 'gateway_ip': 'gateway_ip'})
    return _listing(call, 'subnets', views.subnet, api.list_subnets(call.sess, call.ctx, filters))


def show_subnet(call, subnet_id):
    return _show(call, 'subnet', views.subnet, _run(api.get_subnet, call.sess, call.ctx, subnet_id))


# --- ports ------------------------------------------------------------------------------

def _ip_filter(call):
    """``fixed_ips=ip_address=10.0.0.3`` (repeatable) as a list of addresses."""
    addresses = []
    for value in call.params.getall('fixed_ips'):
        key, _, address = value.partition('=')
        if key == 'ip_address':
            addresses.append(address)
    return addresses


def list_ports(call):
    filters = _filters(call, {'id': 'id', 'name': 'name', 'network_id': 'network_id',
                              'device_id': 'device_id', 'device_owner': 'device_owner',
                              'mac_address': 'mac_address', 'project_id': 'project_id',
                              'tenant_id': 'project_id'})
    ports = api.list_ports(call.sess, call.ctx, filters, _ip_filter(call))
    return _listing(call, 'ports', views.port, ports)


def show_port(call, port_id):
    return _show(call, 'port', views.port, _run(api.get_port, call.sess, call.ctx, port_id))


def _fixed_ips(item):
    requested = item.pop('fixed_ips', [])
    if not isinstance(requested, list) or not all(isinstance(i, dict) for i in requested):
        raise invalid_input('Invalid data format for fixed IP')
    for entry in requested:
        if entry.get('ip_address'):
            try:
                ipaddress.ip_address(entry['ip_address'])
            except ValueError:
                raise invalid_input("'%s' is not a valid IP address"
                                    % entry['ip_address']) from None
    return requested


def create_port(call):
    item = _resource(call, 'port', PORT_CREATE)
    if 'network_id' not in item:
        raise bad_request("Failed to parse request. Required attribute 'network_id' not specified")
    network = _run(api.get_network, call.sess, call.ctx, item.pop('network_id'))
    item['project_id'] = _owner(call, item, 'create_port')
    requested = _fixed_ips(item)
    item.pop('security_groups', None)
    if 'admin_state_up' in item:
        item['admin_state_up'] = to_bool(item['admin_state_up'])
    port = _run(api.create_port, call.sess, call.ctx, network, item, requested)
    return _show(call, 'port', views.port, port, status=201)


def update_port(call, port_id):
    port = _run(api.get_port, call.sess, call.ctx, port_id)
    item = _resource(call, 'port', PORT_UPDATE)
    if 'admin_state_up' in item:
        item['admin_state_up'] = to_bool(item['admin_state_up'])
    item.update({k: '' for k, v in item.items() if v is None and k != 'admin_state_up'})
    return _show(call, 'port', views.port, api.update_port(call.sess, port, item))


def delete_port(call, port_id):
    port = _run(api.get_port, call.sess, call.ctx, port_id)
    api.delete_port(call.sess, port)
    return wsgi.no_content()


# --- security groups and extensions -----------------------------------------------------

def list_security_groups(call):
    filters = _filters(call, {'id': 'id', 'name': 'name', 'project_id': 'project_id',
                              'tenant_id': 'project_id'})
    groups = api.list_security_groups(call.sess, call.ctx, filters)
    return _listing(call, 'security_groups', views.security_group, groups)


def show_security_group(call, group_id):
    groups = api.list_security_groups(call.sess, call.ctx, {'id': [group_id]})
    if not groups:
        raise not_found('SecurityGroupNotFound', 'Security group %s does not exist' % group_id)
    return _show(call, 'security_group', views.security_group, groups[0])


def list_extensions(call):
    return wsgi.json_response({'extensions': [
        {'alias': alias, 'name': name, 'description': description, 'links': [],
         'updated': '2013-01-01T10:00:00-00:00'} for alias, name, description in EXTENSIONS]})


ROUTES = [
    ('/v2.0/networks', {'GET': list_networks, 'POST': create_network}),
    ('/v2.0/networks/{network_id}', {'GET': show_network}),
    ('/v2.0/subnets', {'GET': list_subnets}),
    ('/v2.0/subnets/{subnet_id}', {'GET': show_subnet}),
    ('/v2.0/ports', {'GET': list_ports, 'POST': create_port}),
    ('/v2.0/ports/{port_id}', {'GET': show_port, 'PUT': update_port, 'DELETE': delete_port}),
    ('/v2.0/security-groups', {'GET': list_security_groups}),
    ('/v2.0/security-groups/{group_id}', {'GET': show_security_group}),
    ('/v2.0/extensions', {'GET': list_extensions}),
]


def build():
    """The network endpoint as nova-api serves it: the ``network`` pipeline of api-paste.ini."""
    return deploy.loadapp('config:' + conf.CONF.paste_config, name='network')


def app_factory(global_conf, **local_conf):
    """PasteDeploy ``app`` factory of the network endpoint (behind the filters)."""
    return wsgi.application(ROUTES, versions, render_error)
