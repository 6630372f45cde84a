"""``POST /v3/{project_id}/volumes/{volume_id}/action``: one action per body."""

from novaapi.volume import actions
from novaapi.volume import attachments
from novaapi.volume.controllers import common


def _extend(call, volume_id, arg):
    if not isinstance(arg, dict) or 'new_size' not in arg:
        raise common.invalid('os-extend', arg, "'new_size' is a required property")
    new_size = common.integer(arg['new_size'], 'new_size', 1)
    common.run(actions.extend, call.ctx, volume_id, new_size, attached_ok=call.at_least(42))
    return common.accepted()


def _set_bootable(call, volume_id, arg):
    if not isinstance(arg, dict) or 'bootable' not in arg:
        raise common.bad_request('Must specify bootable in request.')
    bootable = common.boolean(arg['bootable'], 'bootable')
    common.run(actions.set_bootable, call.ctx, volume_id, bootable)
    return common.empty(200)


def _readonly(call, volume_id, arg):
    if not isinstance(arg, dict) or 'readonly' not in arg:
        raise common.bad_request("Must specify readonly in request.")
    common.run(actions.update_readonly_flag, call.ctx, volume_id,
               common.boolean(arg['readonly'], 'readonly'))
    return common.accepted()


def _reset_status(call, volume_id, arg):
    if not isinstance(arg, dict) or not set(arg) & {'status', 'attach_status',
                                                      'migration_status'}:
        raise common.bad_request('Must specify \'status\', \'attach_status\' or '
                                 '\'migration_status\' for update.')
    common.run(actions.reset_status, call.ctx, volume_id, arg.get('status'),
               arg.get('attach_status'), arg.get('migration_status'))
    return common.accepted()


def _force_delete(call, volume_id, arg):
    common.run(actions.force_delete, call.ctx, volume_id)
    return common.accepted()


def _reserve(call, volume_id, arg):
    common.run(attachments.reserve_volume, call.ctx, volume_id)
    return common.accepted()


def _unreserve(call, volume_id, arg):
    common.run(attachments.unreserve_volume, call.ctx, volume_id)
    return common.accepted()


def _begin_detaching(call, volume_id, arg):
    common.run(attachments.begin_detaching, call.ctx, volume_id)
    return common.accepted()


def _roll_detaching(call, volume_id, arg):
    common.run(attachments.roll_detaching, call.ctx, volume_id)
    return common.accepted()


def _attach(call, volume_id, arg):
    arg = arg if isinstance(arg, dict) else {}
    instance, host = arg.get('instance_uuid'), arg.get('host_name')
    if not instance and not host:
        raise common.bad_request('Invalid request to attach volume to an invalid target')
    if not arg.get('mountpoint'):
        raise common.bad_request('Must specify mountpoint in request.')
    mode = arg.get('mode', 'rw')
    if mode not in ('rw', 'ro'):
        raise common.bad_request('Invalid request to attach volume with an invalid mode. '
                                 "Attaching mode should be 'rw' or 'ro'")
    common.run(attachments.attach_volume, call.ctx, volume_id, instance, host,
               arg.get('mountpoint'), mode)
    return common.accepted()


def _detach(call, volume_id, arg):
    arg = arg if isinstance(arg, dict) else {}
    common.run(attachments.detach_volume, call.ctx, volume_id, arg.get('attachment_id'))
    return common.accepted()


def _force_detach(call, volume_id, arg):
    arg = arg if isinstance(arg, dict) else {}
    common.run(attachments.detach_volume, call.ctx, volume_id, arg.get('attachment_id'),
               force=True)
    return common.accepted()


def _connector(arg, name):
    if not isinstance(arg, dict) or not isinstance(arg.get('connector'), dict):
        raise common.bad_request('Must specify connector in request.' if name else '')
    return arg['connector']


def _initialize(call, volume_id, arg):
    info = common.run(attachments.initialize_connection, call.ctx, volume_id,
                      _connector(arg, 'os-initialize_connection'))
    return common.ok({'connection_info': info})


def _terminate(call, volume_id, arg):
    common.run(attachments.terminate_connection, call.ctx, volume_id,
               _connector(arg, 'os-terminate_connection'))
    return common.accepted()


ACTIONS = {
    'os-extend': _extend, 'os-set_bootable': _set_bootable,
    'os-update_readonly_flag': _readonly, 'os-reset_status': _reset_status,
    'os-force_delete': _force_delete, 'os-reserve': _reserve, 'os-unreserve': _unreserve,
    'os-begin_detaching': _begin_detaching, 'os-roll_detaching': _roll_detaching,
    'os-attach': _attach, 'os-detach': _detach, 'os-force_detach': _force_detach,
    'os-initialize_connection': _initialize, 'os-terminate_connection': _terminate,
}


def action(call, volume_id):
    doc = common.body(call)
    names = [n for n in doc if n in ACTIONS]
    if len(doc) != 1 or not names:
        raise common.bad_request('There is no such action: %s' % ', '.join(sorted(doc)) if doc
                                 else 'Malformed request body')
    return ACTIONS[names[0]](call, volume_id, doc[names[0]])
