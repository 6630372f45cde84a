"""/os-services: list, enable/disable, force down and delete the deployment's services."""

import uuid as uuidlib

from oslo_utils import strutils

from novaapi.api import wsgi
from novaapi.api import validation
from novaapi.api.schemas import services as schema
from novaapi.api.views import services as views
from novaapi.compute import policy
from novaapi.compute import services
from novaapi.db import engine
from novaapi import exception


NOT_COMPUTE = 'Updating a %s service is not supported. Only nova-compute services can be updated.'
FORCE_UP_BLOCKED = ('Unable to force up host %s as `done` evacuation migration records remain associated '
                    'with the host. Ensure the compute service has been restarted, allowing these records '
                    'to move to `completed` before retrying this request.')


def _is_uuid(value):
    try:
        uuidlib.UUID(str(value))
    except ValueError:
        return False
    return True


def check_id(req, service_id):
    """2.53+ ids are uuids; before, integers (both a 400 otherwise)."""
    if req.is_version('2.53'):
        if not _is_uuid(service_id):
            raise exception.Invalid('Invalid uuid %s' % service_id)
    elif not str(service_id).lstrip('-').isdigit():
        raise exception.Invalid('Invalid input received: id must be an integer')


def apply_forced_down(sess, info, forced_down):
    if not forced_down and info.binary == services.COMPUTE and services.has_done_evacuations(sess, info.host):
        raise exception.Invalid(FORCE_UP_BLOCKED % info.host)
    services.update(sess, info, forced_down=forced_down)


class ServiceController(wsgi.Controller):

    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def index(self, req):
        policy.authorize(req.context, 'os-services:list', target={})
        with engine.transaction() as sess:
            found = services.list_services(sess, req.GET.get('host'), req.GET.get('binary'))
            return views.index(req, found, services.updated_time)

    @wsgi.expected_errors((400, 404))
    @validation.schema(schema.update)
    def update(self, req, id, body):
        if req.is_version('2.53'):
            return self._update_v253(req, id, body)
        policy.authorize(req.context, 'os-services:update', target={})
        handler = {'enable': self._enable, 'disable': self._disable,
                   'disable-log-reason': self._disable_log_reason}
        if req.is_version('2.11'):
            handler['force-down'] = self._force_down
        if id not in handler:
            raise exception.NotFound('Unknown action')
        with engine.transaction() as sess:
            info = self._legacy_service(sess, body['host'], body['binary'])
            return handler[id](sess, info, body)

    @staticmethod
    def _legacy_service(sess, host, binary):
        if binary != services.COMPUTE:
            raise exception.Invalid(NOT_COMPUTE % binary)
        return services.get_by_host_and_binary(sess, host, binary)

    @staticmethod
    def _enable(sess, info, body):
        services.update(sess, info, disabled=False, disabled_reason=None)
        return views.action_result(body['host'], body['binary'], status='enabled')

    @staticmethod
    def _disable(sess, info, body, reason=None):
        services.update(sess, info, disabled=True, disabled_reason=reason)
        extra = {'disabled_reason': reason} if reason else {}
        return views.action_result(body['host'], body['binary'], status='disabled', **extra)

    def _disable_log_reason(self, sess, info, body):
        if 'disabled_reason' not in body:
            raise exception.Invalid('Missing disabled reason field')
        return self._disable(sess, info, body, body['disabled_reason'])

    @staticmethod
    def _force_down(sess, info, body):
        if 'forced_down' not in body:
            raise exception.Invalid('Missing forced_down field')
        forced_down = strutils.bool_from_string(body['forced_down'])
        apply_forced_down(sess, info, forced_down)
        return views.action_result(body['host'], body['binary'], forced_down=forced_down)

    def _update_v253(self, req, service_id, body):
        check_id(req, service_id)
        policy.authorize(req.context, 'os-services:update', target={})
        with engine.transaction() as sess:
            info = services.get(sess, service_id)
            if info.binary != services.COMPUTE:
                raise exception.Invalid(NOT_COMPUTE % info.binary)
            changes = self._v253_changes(body)
            if not changes:
                raise exception.Invalid("No updates were requested. Fields 'status' or 'forced_down' "
                                        "should be specified.")
            forced_down = changes.pop('forced_down', None)
            services.update(sess, info, **changes)
            if forced_down is not None:
                apply_forced_down(sess, info, forced_down)
            return {'service': views.detail(req, info, services.updated_time(info))}

    @staticmethod
    def _v253_changes(body):
        changes = {}
        if body.get('status') == 'enabled':
            if body.get('disabled_reason'):
                raise exception.Invalid("Specifying 'disabled_reason' with status 'enabled' is invalid.")
            changes.update(disabled=False, disabled_reason=None)
        elif body.get('status') == 'disabled':
            changes.update(disabled=True, disabled_reason=body.get('disabled_reason'))
        if 'forced_down' in body:
            changes['forced_down'] = strutils.bool_from_string(body['forced_down'], strict=True)
        return changes

    @wsgi.response(204)
    @wsgi.expected_errors((400, 404, 409))
    def delete(self, req, id):
        policy.authorize(req.context, 'os-services:delete', target={})
        check_id(req, id)
        with engine.transaction() as sess:
            try:
                info = services.get(sess, id)
            except services.ServiceNotFound:
                raise exception.NotFound('Service %s not found.' % id) from None
            if info.binary == services.COMPUTE:
                if services.count_instances(sess, info.host):
                    raise exception.Conflict('Unable to delete compute service that is hosting instances. '
                                             'Migrate or delete the instances first.')
                if services.in_progress_migrations(sess, info.host):
                    raise exception.Conflict('Unable to delete compute service that has in-progress '
                                             'migrations. Complete the migrations or delete the instances '
                                             'first.')
            services.delete(sess, info)
