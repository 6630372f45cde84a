"""``POST /servers/{id}/action`` for power, lock, state and access: start, stop, reboot, pause,
suspend, lock, reset-state, network info, password, crash dump, console output, security groups,
force-delete and restore."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import servers as schema
from novaapi.compute import deletion
from novaapi.compute import lifecycle
from novaapi.compute import security_group_actions


def _console_length(value):
    if value is None:
        return None
    length = int(value)
    return None if length == -1 else length


class LifecycleActions(wsgi.Controller):

    @wsgi.removed
    @wsgi.action('resetNetwork')
    def reset_network(self, req, id, body):
        raise AssertionError('removed APIs never run')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('os-start')
    @validation.schema(schema.start)
    def _start(self, req, id, body):
        lifecycle.simple_action(req.context, id, 'start')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('os-stop')
    @validation.schema(schema.stop)
    def _stop(self, req, id, body):
        lifecycle.simple_action(req.context, id, 'stop')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('reboot')
    @validation.schema(schema.reboot)
    def _reboot(self, req, id, body):
        lifecycle.reboot(req.context, id, body['reboot']['type'])

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('pause')
    @validation.schema(schema.simple['pause'])
    def _pause(self, req, id, body):
        lifecycle.simple_action(req.context, id, 'pause')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('unpause')
    @validation.schema(schema.simple['unpause'])
    def _unpause(self, req, id, body):
        lifecycle.simple_action(req.context, id, 'unpause')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('suspend')
    @validation.schema(schema.simple['suspend'])
    def _suspend(self, req, id, body):
        lifecycle.simple_action(req.context, id, 'suspend')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('resume')
    @validation.schema(schema.simple['resume'])
    def _resume(self, req, id, body):
        lifecycle.simple_action(req.context, id, 'resume')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('lock')
    @validation.schema(schema.lock)
    def _lock(self, req, id, body):
        reason = (body['lock'] or {}).get('locked_reason') if req.is_version('2.73') else None
        lifecycle.lock(req.context, id, reason)

    @wsgi.response(202)
    @wsgi.expected_errors((403, 404))
    @wsgi.action('unlock')
    @validation.schema(schema.unlock)
    def _unlock(self, req, id, body):
        lifecycle.unlock(req.context, id)

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409, 501))
    @wsgi.action('changePassword')
    @validation.schema(schema.change_password)
    def _change_password(self, req, id, body):
        lifecycle.change_password(req.context, id, body['changePassword']['adminPass'])

    @wsgi.response(202)
    @wsgi.expected_errors((403, 404, 409))
    @wsgi.action('forceDelete')
    @validation.schema(schema.simple['forceDelete'])
    def _force_delete(self, req, id, body):
        deletion.force_delete(req.context, id)

    @wsgi.response(202)
    @wsgi.expected_errors((403, 404, 409))
    @wsgi.action('restore')
    @validation.schema(schema.simple['restore'])
    def _restore(self, req, id, body):
        deletion.restore(req.context, id)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404))
    @wsgi.action('os-resetState')
    @validation.schema(schema.reset_state)
    def _reset_state(self, req, id, body):
        lifecycle.reset_state(req.context, id, body['os-resetState']['state'])

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('injectNetworkInfo')
    @validation.schema(schema.simple['injectNetworkInfo'])
    def _inject_network_info(self, req, id, body):
        lifecycle.inject_network_info(req.context, id)

    @wsgi.response(202)
    @wsgi.api_version('2.17')
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('trigger_crash_dump')
    @validation.schema(schema.trigger_crash_dump)
    def _trigger_crash_dump(self, req, id, body):
        lifecycle.trigger_crash_dump(req.context, id)

    @wsgi.expected_errors((400, 404, 409, 501))
    @wsgi.action('os-getConsoleOutput')
    @validation.schema(schema.console_output)
    def _console_output(self, req, id, body):
        length = _console_length(body['os-getConsoleOutput'].get('length'))
        return {'output': lifecycle.console_output(req.context, id, length)}

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('addSecurityGroup')
    @validation.schema(schema.security_group['addSecurityGroup'])
    def _add_security_group(self, req, id, body):
        security_group_actions.add_security_group(req.context, id,
                                                  body['addSecurityGroup']['name'])

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('removeSecurityGroup')
    @validation.schema(schema.security_group['removeSecurityGroup'])
    def _remove_security_group(self, req, id, body):
        security_group_actions.remove_security_group(req.context, id,
                                                     body['removeSecurityGroup']['name'])
