"""Things attached to a server: consoles, passwords, interfaces, volumes,
tags, security groups, diagnostics and topology."""

import argparse
import os

from novaclient import api_versions
from novaclient import exceptions
from novaclient import utils
from novaclient.v2.shell import common

_SERVER = dict(metavar='<server>', help='Name or ID of the server.')


class _Console:
    def __init__(self, data):
        self.type = data['type']
        self.url = data['url']


def print_console(cs, data):
    key = ('remote_console' if cs.api_version >= api_versions.APIVersion('2.6')
           else 'console')
    utils.print_list([_Console(data[key])], ['Type', 'Url'])


def _console_command(method, doc):
    def command(cs, args):
        server = common.find_server(cs, args.server)
        print_console(cs, getattr(server, method)(args.console_type))
    command.__doc__ = doc
    utils.add_arg(command, 'console_type', metavar='<console-type>',
                  help='Console type (%s).' % {
                      'get_vnc_console': "'novnc' or 'xvpvnc'",
                      'get_spice_console': "'spice-html5'",
                      'get_rdp_console': "'rdp-html5'"}[method])
    utils.add_arg(command, 'server', **_SERVER)
    return command


do_get_vnc_console = _console_command('get_vnc_console',
                                      'Get a VNC console URL of a server.')
do_get_spice_console = _console_command('get_spice_console',
                                        'Get a SPICE console URL of a '
                                        'server.')
do_get_rdp_console = _console_command('get_rdp_console',
                                      'Get an RDP console URL of a server.')


@utils.arg('server', **_SERVER)
@utils.arg('--console-type', default='serial',
           help="Console type; only 'serial' is supported.")
def do_get_serial_console(cs, args):
    """Get a serial console URL of a server."""
    if args.console_type != 'serial':
        raise exceptions.CommandError(
            "Invalid parameter value for 'console_type', currently supported "
            "'serial'.")
    server = common.find_server(cs, args.server)
    print_console(cs, server.get_serial_console(args.console_type))


@api_versions.wraps('2.8')
@utils.arg('server', **_SERVER)
def do_get_mks_console(cs, args):
    """Get a WebMKS console URL of a server."""
    print_console(cs, common.find_server(cs, args.server).get_mks_console())


@utils.arg('server', **_SERVER)
@utils.arg('--length', metavar='<length>', default=None,
           help='Only the last <length> lines.')
def do_console_log(cs, args):
    """Print the console log of a server."""
    server = common.find_server(cs, args.server)
    print(server.get_console_output(length=args.length))


@utils.arg('server', **_SERVER)
@utils.arg('private_key', metavar='<private-key>', nargs='?', default=None,
           help='Private key file to decrypt the password with (needs '
                'openssl).')
def do_get_password(cs, args):
    """Print the admin password the guest posted to the metadata service
    (encrypted unless a private key is given)."""
    print(common.find_server(cs, args.server).get_password(args.private_key))


@utils.arg('server', **_SERVER)
def do_clear_password(cs, args):
    """Forget the admin password stored in the metadata service (the guest
    keeps its password)."""
    common.find_server(cs, args.server).clear_password()


class _Interface:
    def __init__(self, interface, columns):
        for column in columns:
            key = column.lower().replace(' ', '_')
            if hasattr(interface, key):
                setattr(self, key, getattr(interface, key))
        self.ip_addresses = ','.join(ip['ip_address']
                                     for ip in interface.fixed_ips)


@utils.arg('server', **_SERVER)
def do_interface_list(cs, args):
    """List the network interfaces of a server."""
    interfaces = common.find_server(cs, args.server).interface_list()
    columns = ['Port State', 'Port ID', 'Net ID', 'IP addresses', 'MAC Addr']
    if cs.api_version >= api_versions.APIVersion('2.70'):
        columns.append('Tag')
    utils.print_list([_Interface(i, columns) for i in interfaces], columns)


@utils.arg('server', **_SERVER)
@utils.arg('--port-id', metavar='<port_id>', dest='port_id',
           help='Existing port to attach.')
@utils.arg('--net-id', metavar='<net_id>', default=None, dest='net_id',
           help='Network to create a port on.')
@utils.arg('--fixed-ip', metavar='<fixed_ip>', default=None, dest='fixed_ip',
           help='Fixed IP to ask for.')
@utils.arg('--tag', metavar='<tag>', default=None, dest='tag',
           start_version='2.49', help='Device tag of the interface.')
def do_interface_attach(cs, args):
    """Attach a network interface to a server."""
    server = common.find_server(cs, args.server)
    kwargs = {'tag': args.tag} if getattr(args, 'tag', None) else {}
    interface = server.interface_attach(args.port_id, args.net_id,
                                        args.fixed_ip, **kwargs)
    info = interface.to_dict()
    fixed_ips = info.pop('fixed_ips', None)
    info['ip_address'] = (None if fixed_ips is None else ','.join(
        ip['ip_address'] for ip in fixed_ips))
    utils.print_dict(info)


@utils.arg('server', **_SERVER)
@utils.arg('port_id', metavar='<port_id>', help='Port to detach.')
def do_interface_detach(cs, args):
    """Detach a network interface from a server."""
    common.find_server(cs, args.server).interface_detach(args.port_id)


@utils.arg('server', **_SERVER)
@utils.arg('volume', metavar='<volume>', help='ID of the volume.')
@utils.arg('device', metavar='<device>', default=None, nargs='?',
           help="Device name such as /dev/vdb, or 'auto'.")
@utils.arg('--tag', metavar='<tag>', default=None, start_version='2.49',
           help='Device tag of the attachment.')
@utils.arg('--delete-on-termination', action='store_true', default=False,
           start_version='2.79',
           help='Delete the volume when the server is deleted.')
def do_volume_attach(cs, args):
    """Attach a volume to a server."""
    kwargs = {}
    if getattr(args, 'tag', None):
        kwargs['tag'] = args.tag
    if getattr(args, 'delete_on_termination', False):
        kwargs['delete_on_termination'] = True
    device = None if args.device == 'auto' else args.device
    volume = cs.volumes.create_server_volume(
        common.find_server(cs, args.server).id, args.volume, device, **kwargs)
    utils.print_dict(volume.to_dict())


@utils.arg('server', **_SERVER)
@utils.arg('src_volume', metavar='<src_volume>',
           help='ID of the attached volume.')
@utils.arg('dest_volume', metavar='<dest_volume>',
           help='ID of the volume to swap in (the same ID to only change '
                'attributes).')
@utils.arg('--delete-on-termination', default=None,
           group='delete_on_termination', action='store_true',
           start_version='2.85',
           help='Delete the volume when the server is deleted.')
@utils.arg('--no-delete-on-termination', group='delete_on_termination',
           action='store_false', start_version='2.85',
           help='Keep the volume when the server is deleted.')
def do_volume_update(cs, args):
    """Swap an attached volume for another one, or change the attachment's
    delete-on-termination flag."""
    kwargs = {}
    if getattr(args, 'delete_on_termination', None) is not None:
        kwargs['delete_on_termination'] = args.delete_on_termination
    cs.volumes.update_server_volume(common.find_server(cs, args.server).id,
                                    args.src_volume, args.dest_volume,
                                    **kwargs)


@utils.arg('server', **_SERVER)
@utils.arg('attachment_id', metavar='<volume>', help='ID of the volume.')
def do_volume_detach(cs, args):
    """Detach a volume from a server."""
    cs.volumes.delete_server_volume(common.find_server(cs, args.server).id,
                                    args.attachment_id)


@utils.arg('server', **_SERVER)
def do_volume_attachments(cs, args):
    """List the volumes attached to a server."""
    volumes = cs.volumes.get_server_volumes(
        common.find_server(cs, args.server).id)
    common.translate_keys(volumes, [('serverId', 'server_id'),
                                    ('volumeId', 'volume_id')])
    fields = ['ID', 'DEVICE', 'SERVER ID', 'VOLUME ID']
    version = cs.api_version
    if version >= api_versions.APIVersion('2.89'):
        fields.remove('ID')
        fields += ['ATTACHMENT ID', 'BDM UUID']
    if version >= api_versions.APIVersion('2.70'):
        fields.append('TAG')
    if version >= api_versions.APIVersion('2.79'):
        fields.append('DELETE ON TERMINATION')
    utils.print_list(volumes, fields)


@api_versions.wraps('2.26')
@utils.arg('server', **_SERVER)
def do_server_tag_list(cs, args):
    """List the tags of a server."""
    tags = common.find_server(cs, args.server).tag_list()
    common.print_list_of_strings(tags, 'Tag')


@api_versions.wraps('2.26')
@utils.arg('server', **_SERVER)
@utils.arg('tag', metavar='<tag>', nargs='+', help='Tags to add.')
def do_server_tag_add(cs, args):
    """Add tags to a server."""
    server = common.find_server(cs, args.server)
    utils.do_action_on_many(
        lambda tag: server.add_tag(tag), args.tag,
        'Request to add tag %s to specified server has been accepted.',
        'Unable to add tag to the specified server.')


@api_versions.wraps('2.26')
@utils.arg('server', **_SERVER)
@utils.arg('tags', metavar='<tags>', nargs='+', help='The new tags.')
def do_server_tag_set(cs, args):
    """Replace all tags of a server."""
    common.find_server(cs, args.server).set_tags(args.tags)


@api_versions.wraps('2.26')
@utils.arg('server', **_SERVER)
@utils.arg('tag', metavar='<tag>', nargs='+', help='Tags to delete.')
def do_server_tag_delete(cs, args):
    """Delete tags from a server."""
    server = common.find_server(cs, args.server)
    utils.do_action_on_many(
        lambda tag: server.delete_tag(tag), args.tag,
        'Request to delete tag %s from specified server has been accepted.',
        'Unable to delete tag from specified server.')


@api_versions.wraps('2.26')
@utils.arg('server', **_SERVER)
def do_server_tag_delete_all(cs, args):
    """Delete every tag of a server."""
    common.find_server(cs, args.server).delete_all_tags()


@utils.arg('server', **_SERVER)
@utils.arg('secgroup', metavar='<secgroup>',
           help='Name or ID of the security group.')
def do_add_secgroup(cs, args):
    """Add a security group to a server."""
    common.find_server(cs, args.server).add_security_group(args.secgroup)


@utils.arg('server', **_SERVER)
@utils.arg('secgroup', metavar='<secgroup>',
           help='Name of the security group.')
def do_remove_secgroup(cs, args):
    """Remove a security group from a server."""
    common.find_server(cs, args.server).remove_security_group(args.secgroup)


@utils.arg('server', **_SERVER)
def do_list_secgroup(cs, args):
    """List the security groups of a server."""
    groups = common.find_server(cs, args.server).list_security_group()
    utils.print_list(groups, ['Id', 'Name', 'Description'])


@utils.arg('server', **_SERVER)
def do_diagnostics(cs, args):
    """Show hypervisor diagnostics of a server (admin)."""
    server = common.find_server(cs, args.server)
    utils.print_dict(cs.servers.diagnostics(server)[1], wrap=80)


@api_versions.wraps('2.78')
@utils.arg('server', **_SERVER)
def do_server_topology(cs, args):
    """Show the NUMA topology of a server."""
    server = common.find_server(cs, args.server)
    utils.print_dict(cs.servers.topology(server), wrap=80)


def _ssh_network_addresses(addresses, args):
    if args.network:
        found = addresses.get(args.network)
        if not found:
            raise exceptions.ResourceNotFound(
                "Server '%s' is not attached to network '%s'"
                % (args.server, args.network))
        return found
    if len(addresses) > 1:
        raise exceptions.CommandError(
            "Server '%s' is attached to more than one network. Please pick "
            "the network to use." % args.server)
    if not addresses:
        raise exceptions.CommandError(
            "Server '%s' is not attached to any network." % args.server)
    return list(addresses.values())[0]


def _ssh_address(addresses, args):
    address_type = 'fixed' if args.private else args.address_type
    version = 6 if args.ipv6 else 4
    matching = [a.get('addr') for a in _ssh_network_addresses(addresses, args)
                if a.get('version') == version
                and a.get('OS-EXT-IPS:type', 'floating') == address_type]
    if not matching:
        raise exceptions.ResourceNotFound(
            "No address that would match network '%s' and type '%s' of "
            "version IPv%d has been found for server '%s'."
            % (args.network, address_type, version, args.server))
    if len(matching) > 1:
        raise exceptions.CommandError(
            'More than one IPv%d %s address found.' % (version, address_type))
    return matching[0]


@utils.arg('server', **_SERVER)
@utils.arg('--port', dest='port', action='store', type=int, default=22,
           help='SSH port (default 22).')
@utils.arg('--private', dest='private', action='store_true', default=False,
           help=argparse.SUPPRESS)
@utils.arg('--address-type', dest='address_type', action='store', type=str,
           default='floating',
           help="Address type: 'floating' (default) or 'fixed'.")
@utils.arg('--network', metavar='<network>', default=None,
           help='Network whose address to use.')
@utils.arg('--ipv6', dest='ipv6', action='store_true', default=False,
           help='Use an IPv6 address.')
@utils.arg('--login', metavar='<login>', default='root',
           help='Login user name.')
@utils.arg('-i', '--identity', dest='identity', default='',
           help='Private key file (as ssh -i).')
@utils.arg('--extra-opts', dest='extra', default='',
           help='Extra options for ssh.')
def do_ssh(cs, args):
    """Open an SSH session to a server."""
    if '@' in args.server:
        args.login, args.server = args.server.split('@', 1)
    addresses = common.find_server(cs, args.server).addresses
    address = _ssh_address(addresses, args)
    identity = '-i %s' % args.identity if args.identity else ''
    os.system('ssh -%d -p%d %s %s@%s %s' % (  # nosec: the user's own command
        6 if args.ipv6 else 4, args.port, identity, args.login, address,
        args.extra))
