"""POST /servers/{id}/action: every server action, plus turning create/update bodies into requests."""

import secrets

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import servers as schema
from novaapi.compute import api as compute
from novaapi.compute import policy
from novaapi.compute import scheduler
from novaapi.db import engine
from novaapi import conf
from novaapi import exception



# Nova's generated passwords: no look-alike characters (0/O, 1/l/I).
_PASSWORD_GROUPS = ('23456789', 'ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz')


def generate_password(length=12):
    """A random password with at least one character of each group, as Nova makes them."""
    chars = [secrets.choice(group) for group in _PASSWORD_GROUPS]
    alphabet = ''.join(_PASSWORD_GROUPS)
    chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return ''.join(chars)


def _password(body_dict):
    password = body_dict.get('adminPass')
    return password if password is not None else generate_password()


def create_spec(req, body):
    """The normalized create request handed to :func:`novaapi.compute.api.create`."""
    ctx, server = req.context, body['server']
    hints = body.get('os:scheduler_hints') or body.get('OS-SCH-HNT:scheduler_hints') or {}
    min_count = int(server.get('min_count', 1))
    max_count = int(server.get('max_count', min_count))
    if min_count > max_count:
        raise exception.Invalid('min_count must be <= max_count')
    zone, host, node = scheduler.parse_availability_zone(server.get('availability_zone'))
    tgt = {'project_id': ctx.project_id, 'user_id': ctx.user_id}
    policy.authorize(ctx, 'servers:create', tgt)
    if host or node:
        policy.authorize(ctx, 'servers:create:forced_host', tgt)
    if server.get('host') or server.get('hypervisor_hostname'):
        policy.authorize(ctx, 'servers:create:requested_destination', tgt)
        if host or node:
            raise exception.Invalid('One mechanism with host and/or hypervisor_hostname and another '
                                    'mechanism with zone:host:node are mutually exclusive.')
    if server.get('trusted_image_certificates'):
        policy.authorize(ctx, 'servers:create:trusted_certs', tgt)
    bdms = server.get('block_device_mapping_v2') or server.get('block_device_mapping') or []
    return {
        'name': server['name'], 'description': server.get('description') if req.is_version('2.19')
        else server['name'], 'hostname': server.get('hostname'),
        'flavor_ref': str(server['flavorRef']), 'image_ref': server.get('imageRef', ''),
        'block_device_mapping': bdms, 'networks': _networks(req, server.get('networks')),
        'key_name': server.get('key_name'), 'metadata': server.get('metadata') or {},
        'security_groups': sorted({g['name'] for g in server.get('security_groups') or []
                                   if g.get('name')}) or None,
        'user_data': compute.decode_user_data(server.get('user_data')),
        'availability_zone': zone, 'forced_host': host, 'forced_node': node,
        'requested_host': server.get('host'), 'requested_node': server.get('hypervisor_hostname'),
        'min_count': min_count, 'max_count': max_count,
        'return_reservation_id': str(server.get('return_reservation_id', False)).lower() in ('true', '1', 'yes', 'on'),
        'admin_password': _password(server), 'config_drive': server.get('config_drive') in (True, 'True', 'true', '1', 'yes', 'on', 'TRUE', 'ON', 'YES', 'Yes', 'On'),
        'access_ip_v4': server.get('accessIPv4'), 'access_ip_v6': server.get('accessIPv6'),
        'auto_disk_config': server.get('OS-DCF:diskConfig', 'AUTO') == 'AUTO',
        'tags': server.get('tags'), 'trusted_certs': server.get('trusted_image_certificates'),
        'scheduler_hints': hints,
    }


def _networks(req, networks):
    if networks is None or isinstance(networks, str):
        return networks
    result = []
    for item in networks:
        if not item.get('port') and not item.get('uuid'):
            raise exception.Invalid('Bad network format: missing uuid')
        if item.get('uuid') and not item.get('port') and not req.is_version('2.37'):
            import uuid as uuidlib
            try:
                uuidlib.UUID(item['uuid'])
            except ValueError:
                raise exception.Invalid('Bad networks format: network uuid is not in proper format '
                                        '(%s)' % item['uuid']) from None
        result.append({k: v for k, v in item.items() if v is not None})
    return result


def update_changes(req, server):
    names = {'name': 'display_name', 'description': 'display_description', 'hostname': 'hostname',
             'accessIPv4': 'access_ip_v4', 'accessIPv6': 'access_ip_v6',
             'pinned_availability_zone': 'pinned_availability_zone'}
    changes = {names[k]: v for k, v in server.items() if k in names}
    if 'OS-DCF:diskConfig' in server:
        changes['auto_disk_config'] = server['OS-DCF:diskConfig'] == 'AUTO'
    return changes


def act(req, id, rule, func, *args, **kwargs):
    """Load the server (404), authorize ``rule`` on it, run ``func`` in one transaction."""
    with engine.transaction() as sess:
        instance = compute.get(sess, req.context, id)
        policy.authorize(req.context, rule, {'project_id': instance.project_id,
                                             'user_id': instance.user_id})
        return func(sess, req.context, instance, *args, **kwargs)


def _image_location(image_id):
    return '%s/images/%s' % (conf.CONF.endpoint_url('image'), image_id)


class ServerActionsMixin:
    """The ``@wsgi.action`` methods of ServersController."""

    @wsgi.removed
    @wsgi.action('resetNetwork')
    def reset_network(self, req, id, body):
        raise AssertionError('removed APIs never run')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('os-start')
    @validation.schema(schema.start)
    def _start(self, req, id, body):
        act(req, id, 'servers:start', compute.simple_action, 'start')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('os-stop')
    @validation.schema(schema.stop)
    def _stop(self, req, id, body):
        act(req, id, 'servers:stop', compute.simple_action, 'stop')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('reboot')
    @validation.schema(schema.reboot)
    def _reboot(self, req, id, body):
        act(req, id, 'servers:reboot', compute.reboot, body['reboot']['type'])

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('pause')
    @validation.schema(schema.simple['pause'])
    def _pause(self, req, id, body):
        act(req, id, 'os-pause-server:pause', compute.simple_action, 'pause')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('unpause')
    @validation.schema(schema.simple['unpause'])
    def _unpause(self, req, id, body):
        act(req, id, 'os-pause-server:unpause', compute.simple_action, 'unpause')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('suspend')
    @validation.schema(schema.simple['suspend'])
    def _suspend(self, req, id, body):
        act(req, id, 'os-suspend-server:suspend', compute.simple_action, 'suspend')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('resume')
    @validation.schema(schema.simple['resume'])
    def _resume(self, req, id, body):
        act(req, id, 'os-suspend-server:resume', compute.simple_action, 'resume')

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('resize')
    @validation.schema(schema.resize)
    def _resize(self, req, id, body):
        spec = body['resize']
        disk = spec.get('OS-DCF:diskConfig')
        act(req, id, 'servers:resize', compute.resize, str(spec['flavorRef']),
            None if disk is None else disk == 'AUTO')

    @wsgi.response(204)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('confirmResize')
    @validation.schema(schema.confirm_resize)
    def _confirm_resize(self, req, id, body):
        act(req, id, 'servers:confirm_resize', compute.confirm_resize)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('revertResize')
    @validation.schema(schema.revert_resize)
    def _revert_resize(self, req, id, body):
        act(req, id, 'servers:revert_resize', compute.revert_resize)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('rebuild')
    @validation.schema(schema.rebuild)
    def _rebuild(self, req, id, body):
        spec = body['rebuild']
        password = _password(spec)
        changes = _rebuild_changes(req, spec)
        with engine.transaction() as sess:
            instance = compute.get(sess, req.context, id)
            policy.authorize(req.context, 'servers:rebuild', {'project_id': instance.project_id})
            compute.rebuild(sess, req.context, instance, spec['imageRef'], password, changes)
            return _rebuild_view(req, sess, instance, password)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('createImage')
    @validation.schema(schema.create_image)
    def _create_image(self, req, id, body):
        spec = body['createImage']
        image = act(req, id, 'servers:create_image', compute.create_image, spec['name'],
                    spec.get('metadata'))
        if req.is_version('2.45'):
            return {'image_id': image.id}
        return None, {'Location': _image_location(image.id)}

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('createBackup')
    @validation.schema(schema.create_backup)
    def _create_backup(self, req, id, body):
        spec = body['createBackup']
        image = act(req, id, 'os-create-backup', compute.create_backup, spec['name'],
                    spec['backup_type'], int(spec['rotation']), spec.get('metadata'))
        if req.is_version('2.45'):
            return {'image_id': image.id}
        return None, {'Location': _image_location(image.id)}

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('lock')
    @validation.schema(schema.lock)
    def _lock(self, req, id, body):
        reason = (body['lock'] or {}).get('locked_reason') if req.is_version('2.73') else None
        act(req, id, 'os-lock-server:lock', compute.lock, reason)

    @wsgi.response(202)
    @wsgi.expected_errors((403, 404))
    @wsgi.action('unlock')
    @validation.schema(schema.unlock)
    def _unlock(self, req, id, body):
        act(req, id, 'os-lock-server:unlock', _unlock)

    @wsgi.expected_errors((400, 404, 409, 501))
    @wsgi.action('rescue')
    @validation.schema(schema.rescue)
    def _rescue(self, req, id, body):
        spec = body['rescue'] or {}
        password = _password(spec)
        act(req, id, 'os-rescue', compute.rescue, password, spec.get('rescue_image_ref'))
        return {'adminPass': password}

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409, 501))
    @wsgi.action('unrescue')
    @validation.schema(schema.simple['unrescue'])
    def _unrescue(self, req, id, body):
        act(req, id, 'os-unrescue', compute.simple_action, 'unrescue')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 403, 409, 400))
    @wsgi.action('shelve')
    @validation.schema(schema.simple['shelve'])
    def _shelve(self, req, id, body):
        act(req, id, 'os-shelve:shelve', compute.shelve)

    @wsgi.response(202)
    @wsgi.expected_errors((404, 403, 409, 400))
    @wsgi.action('shelveOffload')
    @validation.schema(schema.simple['shelveOffload'])
    def _shelve_offload(self, req, id, body):
        act(req, id, 'os-shelve:shelve_offload', compute.simple_action, 'shelveOffload')

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('unshelve')
    @validation.schema(schema.unshelve)
    def _unshelve(self, req, id, body):
        spec = body['unshelve'] if req.is_version('2.77') and body['unshelve'] else {}
        kwargs = {}
        if 'availability_zone' in spec:
            kwargs['zone'] = spec['availability_zone']
        if spec.get('host'):
            policy.authorize(req.context, 'os-shelve:unshelve_to_host')
            kwargs['host'] = spec['host']
        act(req, id, 'os-shelve:unshelve', compute.unshelve, **kwargs)

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409, 501))
    @wsgi.action('changePassword')
    @validation.schema(schema.change_password)
    def _change_password(self, req, id, body):
        act(req, id, 'os-admin-password', compute.change_password, body['changePassword']['adminPass'])

    @wsgi.response(202)
    @wsgi.expected_errors((403, 404, 409))
    @wsgi.action('forceDelete')
    @validation.schema(schema.simple['forceDelete'])
    def _force_delete(self, req, id, body):
        act(req, id, 'os-deferred-delete:force', compute.force_delete)

    @wsgi.response(202)
    @wsgi.expected_errors((403, 404, 409))
    @wsgi.action('restore')
    @validation.schema(schema.simple['restore'])
    def _restore(self, req, id, body):
        act(req, id, 'os-deferred-delete:restore', compute.restore)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404))
    @wsgi.action('os-resetState')
    @validation.schema(schema.reset_state)
    def _reset_state(self, req, id, body):
        act(req, id, 'os-admin-actions:reset_state', compute.reset_state, body['os-resetState']['state'])

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('injectNetworkInfo')
    @validation.schema(schema.simple['injectNetworkInfo'])
    def _inject_network_info(self, req, id, body):
        act(req, id, 'os-admin-actions:inject_network_info', compute.inject_network_info)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('migrate')
    @validation.schema(schema.migrate)
    def _migrate(self, req, id, body):
        host = (body['migrate'] or {}).get('host') if req.is_version('2.56') else None
        if host:
            policy.authorize(req.context, 'os-migrate-server:migrate:host')
        act(req, id, 'os-migrate-server:migrate', compute.migrate, host)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('os-migrateLive')
    @validation.schema(schema.migrate_live)
    def _migrate_live(self, req, id, body):
        host = body['os-migrateLive'].get('host')
        if host:
            policy.authorize(req.context, 'os-migrate-server:migrate_live:host')
        act(req, id, 'os-migrate-server:migrate_live', compute.live_migrate, host)

    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('evacuate')
    @validation.schema(schema.evacuate)
    def _evacuate(self, req, id, body):
        spec = body['evacuate']
        password = _password(spec)
        target = 'stopped' if req.is_version('2.95') else None
        act(req, id, 'os-evacuate', compute.evacuate, spec.get('host'), password, target)
        return None if req.is_version('2.14') else {'adminPass': password}

    @wsgi.response(202)
    @wsgi.api_version('2.17')
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('trigger_crash_dump')
    @validation.schema(schema.trigger_crash_dump)
    def _trigger_crash_dump(self, req, id, body):
        act(req, id, 'servers:trigger_crash_dump', compute.trigger_crash_dump)

    @wsgi.expected_errors((400, 404, 409, 501))
    @wsgi.action('os-getConsoleOutput')
    @validation.schema(schema.console_output)
    def _console_output(self, req, id, body):
        length = _console_length(body['os-getConsoleOutput'].get('length'))
        return {'output': act(req, id, 'os-console-output', compute.console_output, length)}

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('addSecurityGroup')
    @validation.schema(schema.security_group['addSecurityGroup'])
    def _add_security_group(self, req, id, body):
        act(req, id, 'os-security-groups:add', compute.add_security_group,
            body['addSecurityGroup']['name'])

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('removeSecurityGroup')
    @validation.schema(schema.security_group['removeSecurityGroup'])
    def _remove_security_group(self, req, id, body):
        act(req, id, 'os-security-groups:remove', compute.remove_security_group,
            body['removeSecurityGroup']['name'])


def _unlock(sess, ctx, instance):
    """Unlocking someone else's lock (an admin's, for an owner) needs ``unlock_override``."""
    expected = 'owner' if ctx.project_id == instance.project_id else 'admin'
    if instance.locked and instance.locked_by != expected:
        policy.authorize(ctx, 'os-lock-server:unlock:unlock_override',
                         {'project_id': instance.project_id})
    return compute.unlock(sess, ctx, instance)


def _console_length(value):
    if value is None:
        return None
    length = int(value)
    return None if length == -1 else length


def _rebuild_changes(req, spec):
    names = {'name': 'display_name', 'description': 'display_description', 'metadata': 'metadata',
             'accessIPv4': 'access_ip_v4', 'accessIPv6': 'access_ip_v6'}
    changes = {names[k]: v for k, v in spec.items() if k in names}
    if 'OS-DCF:diskConfig' in spec:
        changes['auto_disk_config'] = spec['OS-DCF:diskConfig'] == 'AUTO'
    for version, key, column in (('2.54', 'key_name', 'key_name'), ('2.57', 'user_data', 'user_data'),
                                 ('2.63', 'trusted_image_certificates', 'trusted_certs'),
                                 ('2.90', 'hostname', 'hostname')):
        if req.is_version(version) and key in spec:
            changes[column] = spec[key]
    if 'user_data' in changes:
        compute.decode_user_data(changes['user_data'])
    if changes.get('trusted_certs'):
        policy.authorize(req.context, 'servers:rebuild:trusted_certs')
    return changes


def _rebuild_view(req, sess, instance, password):
    from novaapi.api import servers
    full = req.is_version('2.75')
    result = servers.detailed(req, sess, instance, full=full, server_groups=req.is_version('2.71'),
                              user_data=False)
    view = result['server']
    if not full and req.is_version('2.54'):
        view['key_name'] = instance.key_name
    view['adminPass'] = password
    if req.is_version('2.57'):
        view['user_data'] = instance.user_data
    return result
