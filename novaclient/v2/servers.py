"""Servers: ``/servers``, their actions and sub-resources."""

import base64
from urllib import parse

from novaclient import api_versions
from novaclient import base
from novaclient import exceptions

REBOOT_SOFT, REBOOT_HARD = 'SOFT', 'HARD'
_UNSET = object()

# Console types of the pre-2.6 per-protocol actions, and their protocols.
CONSOLE_TYPE_ACTION_MAPPING = {
    'novnc': 'os-getVNCConsole',
    'xvpvnc': 'os-getVNCConsole',
    'spice-html5': 'os-getSPICEConsole',
    'rdp-html5': 'os-getRDPConsole',
    'serial': 'os-getSerialConsole',
}
CONSOLE_TYPE_PROTOCOL_MAPPING = {
    'novnc': 'vnc', 'xvpvnc': 'vnc', 'spice-html5': 'spice',
    'rdp-html5': 'rdp', 'serial': 'serial', 'webmks': 'mks',
}


def _v(version):
    return api_versions.APIVersion(version)


class Server(base.Resource):
    """A server; most methods forward to :class:`ServerManager`."""

    HUMAN_ID = True

    def __repr__(self):
        return '<Server: %s>' % getattr(self, 'name', 'unknown-name')

    @property
    def networks(self):
        """``{network label: [address, ...]}`` sorted by label."""
        addresses = getattr(self, 'addresses', None) or {}
        return {label: [a['addr'] for a in addresses[label]]
                for label in sorted(addresses)}

    def __getattr__(self, name):
        # NOTE: forward plain action methods (pause, start, ...) to the
        # manager, passing ourselves as the server.
        if name in _FORWARDED:
            method = getattr(self.manager, name)
            return lambda *args, **kwargs: method(self, *args, **kwargs)
        raise AttributeError(name)


_FORWARDED = frozenset([
    'delete', 'update', 'get_console_output', 'get_vnc_console',
    'get_spice_console', 'get_rdp_console', 'get_serial_console',
    'get_mks_console', 'get_console_url', 'get_password', 'clear_password',
    'stop', 'force_delete', 'restore', 'start', 'pause', 'unpause', 'lock',
    'unlock', 'suspend', 'resume', 'rescue', 'unrescue', 'shelve',
    'shelve_offload', 'unshelve', 'diagnostics', 'topology', 'migrate',
    'change_password', 'reboot', 'rebuild', 'resize', 'create_image',
    'backup', 'confirm_resize', 'revert_resize', 'live_migrate',
    'reset_state', 'reset_network', 'add_security_group',
    'remove_security_group', 'list_security_group', 'evacuate',
    'interface_list', 'interface_attach', 'interface_detach',
    'trigger_crash_dump', 'tag_list', 'delete_tag', 'delete_all_tags',
    'set_tags', 'add_tag', 'ips'])


class NetworkInterface(base.Resource):
    @property
    def id(self):
        return self.port_id

    def __repr__(self):
        return '<NetworkInterface: %s>' % self.id


class SecurityGroup(base.Resource):
    def __str__(self):
        return str(self.id)


def _encode_user_data(userdata):
    if hasattr(userdata, 'read'):
        userdata = userdata.read()
    if isinstance(userdata, str):
        userdata = userdata.encode('utf-8')
    return base64.b64encode(userdata).decode('utf-8')


def _personality(files):
    result = []
    for path, content in sorted(files.items()):
        if hasattr(content, 'read'):
            content = content.read()
        if isinstance(content, str):
            content = content.encode('utf-8')
        result.append({'path': path,
                       'contents': base64.b64encode(content).decode('utf-8')})
    return result


def _legacy_bdm(mappings):
    """``{dev: 'id:type:size:delete'}`` -> block_device_mapping (v1)."""
    result = []
    for device_name, mapping in mappings.items():
        item = {'device_name': device_name}
        parts = mapping.split(':')
        if len(parts) > 1 and parts[1].startswith('snap'):
            item['snapshot_id'] = parts[0]
        else:
            item['volume_id'] = parts[0]
        if len(parts) > 2 and parts[2]:
            item['volume_size'] = str(int(parts[2]))
        if len(parts) > 3:
            item['delete_on_termination'] = parts[3]
        result.append(item)
    return result


def _networks(nics):
    """CLI-style nic dicts (net-id, port-id, ...) -> API ``networks``."""
    if isinstance(nics, str):
        return nics
    networks = []
    for nic in nics:
        net = {}
        if nic.get('net-id'):
            net['uuid'] = nic['net-id']
        if nic.get('v4-fixed-ip') and nic.get('v6-fixed-ip'):
            raise exceptions.CommandError(
                "Only one of 'v4-fixed-ip' and 'v6-fixed-ip' may be provided.")
        fixed_ip = nic.get('v4-fixed-ip') or nic.get('v6-fixed-ip')
        if fixed_ip:
            net['fixed_ip'] = fixed_ip
        if nic.get('port-id'):
            net['port'] = nic['port-id']
        if nic.get('tag'):
            net['tag'] = nic['tag']
        networks.append(net)
    return networks


class ServerManager(base.ManagerWithFind):
    resource_class = Server
    list_supports = frozenset(['detailed', 'search_opts'])

    transform_userdata = staticmethod(_encode_user_data)

    # -- collection -----------------------------------------------------

    def get(self, server):
        return self._get('/servers/%s' % base.getid(server), 'server')

    def list(self, detailed=True, search_opts=None, marker=None, limit=None,
             sort_keys=None, sort_dirs=None):
        """Servers matching ``search_opts`` (query filters).

        ``limit=-1`` follows markers until an empty page, returning all.
        """
        search_opts = search_opts or {}
        if 'locked' in search_opts and self.api_version < _v('2.73'):
            raise exceptions.UnsupportedAttribute('locked', '2.73')
        params = {}
        for opt, val in search_opts.items():
            if val or (opt == 'locked' and val is False):
                params[opt] = val
            if opt == 'config_drive' and val is not None:
                params[opt] = str(val)
        path = '/servers/detail' if detailed else '/servers'
        result = base.ListWithMeta([], None)
        while True:
            if marker:
                params['marker'] = marker
            if limit and limit != -1:
                params['limit'] = limit
            items = sorted(list(params.items())
                           + [('sort_key', k) for k in sort_keys or []]
                           + [('sort_dir', d) for d in sort_dirs or []],
                           key=lambda item: item[0])
            query = ('?' + _urlencode(items)) if items else ''
            page = self._list(path + query, 'servers')
            result.extend(page)
            result.append_request_ids(page.request_ids)
            if not page or limit != -1:
                return result
            marker = result[-1].id

    def create(self, name, image, flavor, meta=None, files=None,
               reservation_id=False, min_count=None, max_count=None,
               security_groups=None, userdata=None, key_name=None,
               availability_zone=None, block_device_mapping=None,
               block_device_mapping_v2=None, nics=None, scheduler_hints=None,
               config_drive=None, disk_config=None, admin_pass=None,
               access_ip_v4=None, access_ip_v6=None, description=None,
               tags=None, trusted_image_certificates=None, host=None,
               hypervisor_hostname=None, hostname=None):
        """Boot a server (or, with ``reservation_id``, a batch).

        :returns: the new Server, or the reservation id string
        """
        self._check_create(nics, block_device_mapping_v2, description, tags,
                           files, trusted_image_certificates)
        min_count = min_count or 1
        max_count = max_count or min_count
        server = {'name': name,
                  'imageRef': str(base.getid(image)) if image else '',
                  'flavorRef': str(base.getid(flavor)),
                  'min_count': min(min_count, max_count),
                  'max_count': max_count}
        optional = {
            'user_data': userdata and _encode_user_data(userdata),
            'metadata': meta, 'return_reservation_id': reservation_id,
            'key_name': key_name, 'config_drive': config_drive,
            'adminPass': admin_pass,
            'security_groups': security_groups and [
                {'name': sg} for sg in security_groups],
            'personality': files and _personality(files),
            'availability_zone': availability_zone,
            'description': description, 'tags': tags,
            'trusted_image_certificates': trusted_image_certificates,
            'host': host, 'hypervisor_hostname': hypervisor_hostname,
            'hostname': hostname}
        server.update((k, v) for k, v in optional.items() if v)
        for key, value in (('OS-DCF:diskConfig', disk_config),
                           ('accessIPv4', access_ip_v4),
                           ('accessIPv6', access_ip_v6)):
            if value is not None:
                server[key] = value
        if block_device_mapping:
            server['block_device_mapping'] = _legacy_bdm(block_device_mapping)
        elif block_device_mapping_v2:
            bdms = list(block_device_mapping_v2)
            if image:
                bdms.insert(0, {'uuid': base.getid(image),
                                'source_type': 'image',
                                'destination_type': 'local', 'boot_index': 0,
                                'delete_on_termination': True})
            server['block_device_mapping_v2'] = bdms
        if nics:
            server['networks'] = _networks(nics)
        body = {'server': server}
        if scheduler_hints:
            body['os:scheduler_hints'] = scheduler_hints
        if reservation_id:
            return self._create('/servers', body, 'reservation_id',
                                return_raw=True)
        return self._create('/servers', body, 'server')

    def _check_create(self, nics, bdms, description, tags, files, certs):
        version = self.api_version
        if description and version < _v('2.19'):
            raise exceptions.UnsupportedAttribute('description', '2.19')
        if version > _v('2.36') and not nics:
            raise ValueError('nics are required after microversion 2.36')
        if nics and version <= _v('2.36') and not isinstance(nics,
                                                             (list, tuple)):
            raise ValueError('nics must be a list or a tuple, not %s'
                             % type(nics))
        if version < _v('2.32'):
            if any(nic.get('tag') for nic in nics or []):
                raise ValueError('Setting interface tags is unsupported '
                                 'before microversion 2.32')
            if any(bdm.get('tag') for bdm in bdms or []):
                raise ValueError('Setting block device tags is unsupported '
                                 'before microversion 2.32')
        if tags and version < _v('2.52'):
            raise exceptions.UnsupportedAttribute('tags', '2.52')
        if files and version >= _v('2.57'):
            raise exceptions.UnsupportedAttribute('files', '2.0', '2.56')
        if certs and version < _v('2.63'):
            raise exceptions.UnsupportedAttribute(
                'trusted_image_certificates', '2.63')
        if version < _v('2.67') and any(bdm.get('volume_type')
                                        for bdm in bdms or []):
            raise ValueError('Block device volume_type is not supported '
                             'before microversion 2.67')

    @api_versions.wraps('2.0', '2.18')
    def update(self, server, name=None):
        if name is None:
            return None
        return self._update('/servers/%s' % base.getid(server),
                            {'server': {'name': name}}, 'server')

    @api_versions.wraps('2.19', '2.89')
    def update(self, server, name=None, description=None):  # noqa: F811
        return self._update_server(server, name, description)

    @api_versions.wraps('2.90', '2.103')
    def update(self, server, name=None, description=None,  # noqa: F811
               hostname=None):
        return self._update_server(server, name, description, hostname)

    @api_versions.wraps('2.104')
    def update(self, server, name=None, description=None,  # noqa: F811
               hostname=None, pinned_availability_zone=_UNSET):
        """``pinned_availability_zone``: a zone, or None to unpin."""
        extra = {}
        if pinned_availability_zone is not _UNSET:
            extra['pinned_availability_zone'] = pinned_availability_zone
        return self._update_server(server, name, description, hostname,
                                   extra)

    def _update_server(self, server, name, description, hostname=None,
                       extra=None):
        if name is None and description is None and hostname is None \
                and not extra:
            return None
        body = dict(extra or {})
        if name:
            body['name'] = name
        if description == '':
            body['description'] = None
        elif description:
            body['description'] = description
        if hostname:
            body['hostname'] = hostname
        return self._update('/servers/%s' % base.getid(server),
                            {'server': body}, 'server')

    def delete(self, server):
        return self._delete('/servers/%s' % base.getid(server))

    # -- actions --------------------------------------------------------

    def _action_return_resp_and_body(self, action, server, info=None):
        return self.client.post('/servers/%s/action' % base.getid(server),
                                body={action: info})

    def _action(self, action, server, info=None):
        resp, body = self._action_return_resp_and_body(action, server, info)
        return self.convert_into_with_meta(body, resp)

    def _action_tuple(self, action, server, info=None):
        resp, body = self._action_return_resp_and_body(action, server, info)
        return base.TupleWithMeta((resp, body), resp)

    def start(self, server):
        return self._action('os-start', server)

    def stop(self, server):
        return self._action_tuple('os-stop', server)

    def force_delete(self, server):
        return self._action_tuple('forceDelete', server)

    def restore(self, server):
        return self._action_tuple('restore', server)

    def pause(self, server):
        return self._action('pause', server)

    def unpause(self, server):
        return self._action('unpause', server)

    def suspend(self, server):
        return self._action('suspend', server)

    def resume(self, server):
        return self._action('resume', server)

    def unlock(self, server):
        return self._action('unlock', server)

    def lock(self, server, reason=None):
        """Lock a server; ``reason`` needs 2.73."""
        if reason is not None and self.api_version < _v('2.73'):
            raise exceptions.UnsupportedAttribute('reason', '2.73')
        info = {'locked_reason': reason} if reason else None
        return self._action('lock', server, info)

    def rescue(self, server, password=None, image=None):
        info = {}
        if password:
            info['adminPass'] = password
        if image:
            info['rescue_image_ref'] = base.getid(image)
        return self._action_tuple('rescue', server, info or None)

    def unrescue(self, server):
        return self._action('unrescue', server)

    def shelve(self, server):
        return self._action('shelve', server)

    def shelve_offload(self, server):
        return self._action('shelveOffload', server)

    def unshelve(self, server, availability_zone=_UNSET, host=None):
        """Unshelve; ``availability_zone`` needs 2.77 (None unpins, 2.91+)
        and ``host`` needs 2.91."""
        info = {}
        if availability_zone is not _UNSET and (
                availability_zone or self.api_version >= _v('2.91')):
            if self.api_version < _v('2.77'):
                raise exceptions.UnsupportedAttribute('availability_zone',
                                                      '2.77')
            info['availability_zone'] = availability_zone
        if host:
            if self.api_version < _v('2.91'):
                raise exceptions.UnsupportedAttribute('host', '2.91')
            info['host'] = host
        return self._action('unshelve', server, info or None)

    def reboot(self, server, reboot_type=REBOOT_SOFT):
        return self._action('reboot', server, {'type': reboot_type})

    def change_password(self, server, password):
        return self._action('changePassword', server, {'adminPass': password})

    def rebuild(self, server, image, password=None, disk_config=None,
                preserve_ephemeral=False, name=None, meta=None, files=None,
                *, description=_UNSET, key_name=_UNSET, userdata=_UNSET,
                trusted_image_certificates=_UNSET, hostname=_UNSET):
        """Rebuild from ``image``; unset keyword arguments are not sent."""
        gated = (('description', description, '2.19'),
                 ('key_name', key_name, '2.54'),
                 ('userdata', userdata, '2.57'),
                 ('trusted_image_certificates', trusted_image_certificates,
                  '2.63'),
                 ('hostname', hostname, '2.90'))
        for attr, value, since in gated:
            if value is not _UNSET and self.api_version < _v(since):
                raise exceptions.UnsupportedAttribute(attr, since)
        if files and self.api_version >= _v('2.57'):
            raise exceptions.UnsupportedAttribute('files', '2.0', '2.56')
        body = {'imageRef': base.getid(image)}
        if password is not None:
            body['adminPass'] = password
        if disk_config is not None:
            body['OS-DCF:diskConfig'] = disk_config
        if preserve_ephemeral is not False:
            body['preserve_ephemeral'] = True
        if name is not None:
            body['name'] = name
        for key, value in (('description', description),
                           ('key_name', key_name),
                           ('trusted_image_certificates',
                            trusted_image_certificates),
                           ('hostname', hostname)):
            if value is not _UNSET:
                body[key] = value
        if meta:
            body['metadata'] = meta
        if files:
            body['personality'] = _personality(files)
        if userdata is not _UNSET:
            body['user_data'] = (None if userdata is None
                                 else _encode_user_data(userdata))
        resp, body = self._action_return_resp_and_body('rebuild', server,
                                                       body)
        return Server(self, body['server'], resp=resp)

    def migrate(self, server, host=None):
        """Cold-migrate; ``host`` needs 2.56."""
        if host and self.api_version < _v('2.56'):
            raise exceptions.UnsupportedAttribute('host', '2.56')
        info = {'host': host} if host else None
        return self._action('migrate', server, info)

    def resize(self, server, flavor, disk_config=None):
        info = {'flavorRef': base.getid(flavor)}
        if disk_config is not None:
            info['OS-DCF:diskConfig'] = disk_config
        return self._action('resize', server, info)

    def confirm_resize(self, server):
        return self._action('confirmResize', server)

    def revert_resize(self, server):
        return self._action('revertResize', server)

    def create_image(self, server, image_name, metadata=None):
        """Snapshot a server; returns the new image's ID."""
        resp, body = self._action_return_resp_and_body(
            'createImage', server, {'name': image_name,
                                    'metadata': metadata or {}})
        if self.api_version >= _v('2.45'):
            image_id = body['image_id']
        else:
            image_id = resp.headers['location'].split('/')[-1]
        return base.StrWithMeta(image_id, resp)

    def backup(self, server, backup_name, backup_type, rotation):
        return self._action('createBackup', server, {
            'name': backup_name, 'backup_type': backup_type,
            'rotation': rotation})

    def get_console_output(self, server, length=None):
        resp, body = self._action_return_resp_and_body(
            'os-getConsoleOutput', server, {'length': length})
        return self.convert_into_with_meta(body['output'], resp)

    @api_versions.wraps('2.0', '2.24')
    def live_migrate(self, server, host, block_migration, disk_over_commit):
        return self._live_migrate(server, host, block_migration,
                                  disk_over_commit=disk_over_commit)

    @api_versions.wraps('2.25', '2.29')
    def live_migrate(self, server, host, block_migration):  # noqa: F811
        return self._live_migrate(server, host, block_migration)

    @api_versions.wraps('2.30', '2.67')
    def live_migrate(self, server, host, block_migration,  # noqa: F811
                     force=None):
        return self._live_migrate(server, host, block_migration, force=force)

    @api_versions.wraps('2.68')
    def live_migrate(self, server, host, block_migration):  # noqa: F811
        return self._live_migrate(server, host, block_migration)

    def _live_migrate(self, server, host, block_migration,
                      disk_over_commit=None, force=None):
        body = {'host': host, 'block_migration': block_migration}
        if disk_over_commit is not None:
            body['disk_over_commit'] = disk_over_commit
        if force:
            body['force'] = force
        return self._action('os-migrateLive', server, body)

    def reset_state(self, server, state='error'):
        return self._action('os-resetState', server, {'state': state})

    def reset_network(self, server):
        return self._action('resetNetwork', server)

    def add_security_group(self, server, security_group):
        return self._action('addSecurityGroup', server,
                            {'name': security_group})

    def remove_security_group(self, server, security_group):
        return self._action('removeSecurityGroup', server,
                            {'name': security_group})

    def list_security_group(self, server):
        return self._list('/servers/%s/os-security-groups'
                          % base.getid(server), 'security_groups',
                          SecurityGroup)

    @api_versions.wraps('2.0', '2.13')
    def evacuate(self, server, host=None, on_shared_storage=True,
                 password=None):
        return self._evacuate(server, host, password,
                              on_shared_storage=on_shared_storage)

    @api_versions.wraps('2.14', '2.28')
    def evacuate(self, server, host=None, password=None):  # noqa: F811
        return self._evacuate(server, host, password)

    @api_versions.wraps('2.29', '2.67')
    def evacuate(self, server, host=None, password=None,  # noqa: F811
                 force=None):
        return self._evacuate(server, host, password, force=force)

    @api_versions.wraps('2.68')
    def evacuate(self, server, host=None, password=None):  # noqa: F811
        return self._evacuate(server, host, password)

    def _evacuate(self, server, host, password, on_shared_storage=None,
                  force=None):
        body = {}
        if on_shared_storage is not None:
            body['onSharedStorage'] = on_shared_storage
        if host is not None:
            body['host'] = host
        if password is not None:
            body['adminPass'] = password
        if force:
            body['force'] = force
        return self._action_tuple('evacuate', server, body)

    @api_versions.wraps('2.17')
    def trigger_crash_dump(self, server):
        return self._action('trigger_crash_dump', server)

    # -- consoles and passwords -----------------------------------------

    def get_vnc_console(self, server, console_type):
        return self.get_console_url(server, console_type)

    def get_spice_console(self, server, console_type):
        return self.get_console_url(server, console_type)

    def get_rdp_console(self, server, console_type):
        return self.get_console_url(server, console_type)

    def get_serial_console(self, server, console_type):
        return self.get_console_url(server, console_type)

    @api_versions.wraps('2.8')
    def get_mks_console(self, server):
        return self.get_console_url(server, 'webmks')

    @api_versions.wraps('2.0', '2.5')
    def get_console_url(self, server, console_type):
        action = CONSOLE_TYPE_ACTION_MAPPING.get(console_type)
        if not action:
            raise exceptions.UnsupportedConsoleType(console_type)
        return self._action(action, server, {'type': console_type})

    @api_versions.wraps('2.6')
    def get_console_url(self, server, console_type):  # noqa: F811
        protocol = CONSOLE_TYPE_PROTOCOL_MAPPING.get(console_type)
        if not protocol or (console_type == 'webmks'
                            and self.api_version < _v('2.8')):
            raise exceptions.UnsupportedConsoleType(console_type)
        resp, body = self.client.post(
            '/servers/%s/remote-consoles' % base.getid(server),
            body={'remote_console': {'protocol': protocol,
                                     'type': console_type}})
        return self.convert_into_with_meta(body, resp)

    def get_password(self, server, private_key=None):
        """The (encrypted) admin password; ``private_key`` is not
        supported for decryption here and must be None."""
        resp, body = self.client.get('/servers/%s/os-server-password'
                                     % base.getid(server))
        password = (body or {}).get('password', '')
        if private_key and password:
            password = _decrypt_password(private_key, password)
        return self.convert_into_with_meta(password, resp)

    def clear_password(self, server):
        return self._delete('/servers/%s/os-server-password'
                            % base.getid(server))

    # -- sub-resources --------------------------------------------------

    def ips(self, server):
        resp, body = self.client.get('/servers/%s/ips' % base.getid(server))
        return base.DictWithMeta(body['addresses'], resp)

    def diagnostics(self, server):
        resp, body = self.client.get('/servers/%s/diagnostics'
                                     % base.getid(server))
        return base.TupleWithMeta((resp, body), resp)

    @api_versions.wraps('2.78')
    def topology(self, server):
        resp, body = self.client.get('/servers/%s/topology'
                                     % base.getid(server))
        return base.DictWithMeta(body, resp)

    def set_meta(self, server, metadata):
        return self._create('/servers/%s/metadata' % base.getid(server),
                            {'metadata': metadata}, 'metadata')

    def set_meta_item(self, server, key, value):
        return self._update('/servers/%s/metadata/%s' % (base.getid(server),
                                                         key),
                            {'meta': {key: value}})

    def list_meta(self, server):
        resp, body = self.client.get('/servers/%s/metadata'
                                     % base.getid(server))
        return base.DictWithMeta(body, resp)

    def get_meta(self, server, key):
        resp, body = self.client.get('/servers/%s/metadata/%s'
                                     % (base.getid(server), key))
        return base.DictWithMeta(body, resp)

    def delete_meta(self, server, keys):
        result = base.TupleWithMeta((), None)
        for key in keys:
            ret = self._delete('/servers/%s/metadata/%s'
                               % (base.getid(server), key))
            result.append_request_ids(ret.request_ids)
        return result

    def interface_list(self, server):
        return self._list('/servers/%s/os-interface' % base.getid(server),
                          'interfaceAttachments', NetworkInterface)

    def interface_attach(self, server, port_id, net_id, fixed_ip, tag=None):
        """Attach a port or a network; ``tag`` needs 2.49."""
        if tag and self.api_version < _v('2.49'):
            raise exceptions.UnsupportedAttribute('tag', '2.49')
        body = {}
        if port_id:
            body['port_id'] = port_id
        if net_id:
            body['net_id'] = net_id
        if fixed_ip:
            body['fixed_ips'] = [{'ip_address': fixed_ip}]
        if tag:
            body['tag'] = tag
        return self._create('/servers/%s/os-interface' % base.getid(server),
                            {'interfaceAttachment': body},
                            'interfaceAttachment', obj_class=NetworkInterface)

    def interface_detach(self, server, port_id):
        return self._delete('/servers/%s/os-interface/%s'
                            % (base.getid(server), port_id))

    @api_versions.wraps('2.26')
    def tag_list(self, server):
        resp, body = self.client.get('/servers/%s/tags' % base.getid(server))
        return base.ListWithMeta(body['tags'], resp)

    @api_versions.wraps('2.26')
    def delete_tag(self, server, tag):
        return self._delete('/servers/%s/tags/%s' % (base.getid(server), tag))

    @api_versions.wraps('2.26')
    def delete_all_tags(self, server):
        return self._delete('/servers/%s/tags' % base.getid(server))

    @api_versions.wraps('2.26')
    def set_tags(self, server, tags):
        return self._update('/servers/%s/tags' % base.getid(server),
                            {'tags': tags})

    @api_versions.wraps('2.26')
    def add_tag(self, server, tag):
        return self._update('/servers/%s/tags/%s' % (base.getid(server), tag),
                            None)


def _urlencode(items):
    return parse.urlencode(items)


def _decrypt_password(private_key, password):
    """Decrypt a base64 RSA-encrypted password with ``openssl``."""
    # deferred: subprocess costs ~1.3 ms; only get-password with a key needs it
    import subprocess
    try:
        data = base64.b64decode(password)
        proc = subprocess.run(['openssl', 'rsautl', '-decrypt', '-inkey',
                               private_key], input=data, capture_output=True,
                              check=True)
        return proc.stdout.decode('utf-8')
    except Exception as exc:
        return '%sFailed to decrypt:\n%s' % (exc, password)
