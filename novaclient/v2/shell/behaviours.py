"""Fault-injection behaviour commands (novaapi's own control API, admin only)."""

from novaclient import exceptions
from novaclient import utils

_KINDS = ('build-fail', 'build-slow', 'build-stuck', 'no-valid-host',
          'action-fail', 'action-hang', 'host-down', 'api-fault')
_MATCH = ('project_id', 'name', 'flavor', 'image', 'host', 'action', 'method',
          'path')
_EFFECT = ('status', 'message', 'delay')


def _pairs(obj, keys):
    return ', '.join('%s=%s' % (k, getattr(obj, k)) for k in keys
                     if getattr(obj, k, None) is not None)


def _print_behaviour(behaviour):
    utils.print_dict({k: v for k, v in behaviour.to_dict().items()
                      if v is not None})


@utils.arg('kind', metavar='<kind>', choices=_KINDS,
           help='What happens: %s.' % ', '.join(_KINDS))
@utils.arg('--project', dest='project_id', metavar='<project-id>',
           help='Only servers (or requests) of this project.')
@utils.arg('--name', metavar='<pattern>',
           help='Only servers whose name matches this shell-style pattern.')
@utils.arg('--flavor', metavar='<flavor>',
           help='Only servers of this flavor (ID or name).')
@utils.arg('--image', metavar='<image-id>',
           help='Only servers booted from this image.')
@utils.arg('--host', metavar='<host>',
           help='Only servers on this host; for host-down, the host.')
@utils.arg('--action', metavar='<action>',
           help='For action-fail and action-hang: stop, start, reboot, '
                'resize, migrate, live-migrate, delete, ...')
@utils.arg('--method', metavar='<method>',
           help='For api-fault: the request method (default any).')
@utils.arg('--path', metavar='<pattern>',
           help='For api-fault: the request path below /v2.1, a '
                'shell-style pattern such as /servers/*.')
@utils.arg('--status', metavar='<code>', type=int,
           help='Fault code (build-fail, action-fail; default 500) or HTTP '
                'status (api-fault).')
@utils.arg('--message', metavar='<text>', help='Fault message.')
@utils.arg('--delay', metavar='<seconds>', type=float,
           help='build-slow: seconds spent spawning; api-fault: seconds '
                'before answering.')
@utils.arg('--count', metavar='<N>', type=int,
           help='Fire N times, then stop (default: until deleted).')
def do_behaviour_create(cs, args):
    """Arm a fault-injection behaviour of the simulated cloud (admin)."""
    fields = {k: getattr(args, k) for k in _MATCH + _EFFECT + ('count',)}
    _print_behaviour(cs.behaviours.create(args.kind, **fields))


def do_behaviour_list(cs, args):
    """List the armed fault-injection behaviours (admin)."""
    utils.print_list(
        cs.behaviours.list(),
        ['Id', 'Kind', 'Match', 'Effect', 'Count', 'Remaining', 'Fired'],
        formatters={'Match': lambda b: _pairs(b, _MATCH),
                    'Effect': lambda b: _pairs(b, _EFFECT)})


@utils.arg('id', metavar='<id>', help='ID of the behaviour.')
def do_behaviour_show(cs, args):
    """Show a fault-injection behaviour (admin)."""
    _print_behaviour(cs.behaviours.get(args.id))


@utils.arg('id', metavar='<id>', nargs='*', help='IDs of the behaviours.')
@utils.arg('--all', dest='all', action='store_true', default=False,
           help='Delete every behaviour.')
def do_behaviour_delete(cs, args):
    """Delete fault-injection behaviours; servers they hold resume (admin)."""
    if args.all == bool(args.id):
        raise exceptions.CommandError('Give behaviour IDs or --all.')
    if args.all:
        cs.behaviours.delete_all()
        return
    failures = 0
    for behaviour_id in args.id:
        try:
            cs.behaviours.delete(behaviour_id)
        except Exception as exc:
            failures += 1
            print('Delete for behaviour %s failed: %s' % (behaviour_id, exc))
    if failures == len(args.id):
        raise exceptions.CommandError(
            'Unable to delete any of the specified behaviours.')
