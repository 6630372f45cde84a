"""Quota sets of projects and users (``/os-quota-sets``) and quota classes (``/os-quota-class-sets``)."""

from oslo_utils import strutils

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import quotas as schema
from novaapi.api.views import quotas as views
from novaapi.compute import policy
from novaapi.compute import quotas
from novaapi.db import engine
from novaapi import exception


def _user_id(req):
    return req.GET.getall('user_id')[0] if 'user_id' in req.GET else None


def _authorize(req, rule, project_id, sess):
    policy.authorize(req.context, rule, target={'project_id': project_id})
    if not quotas.project_exists(sess, project_id):
        raise exception.Invalid('Project ID %s is not a valid project.' % project_id)


def _conv_inf(value):
    return float('inf') if value == quotas.UNLIMITED else value


def _check_range(resource, limit, minimum, maximum):
    if _conv_inf(limit) < _conv_inf(minimum):
        raise exception.Invalid('Quota limit %s for %s must be greater than or equal to already '
                                'used and reserved %s.' % (limit, resource, minimum))
    if _conv_inf(limit) > _conv_inf(maximum):
        raise exception.Invalid('Quota limit %s for %s must be less than or equal to %s.'
                                % (limit, resource, maximum))


def _requested(sess, project_id, user_id, spec):
    """Validated ``{resource: limit}`` of an update body (ranges skipped with ``force``)."""
    force = strutils.bool_from_string(spec.get('force', 'False'))
    ranges = None if force else quotas.settable_ranges(sess, project_id, user_id)
    values = {}
    for resource, value in spec.items():
        if resource == 'force':
            continue
        values[resource] = int(value)
        if ranges is not None:
            _check_range(resource, values[resource], *ranges[resource])
    return values


class QuotaSetsController(wsgi.Controller):

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.user_query)
    def show(self, req, id):
        with engine.transaction() as sess:
            _authorize(req, 'os-quota-sets:show', id, sess)
            return views.quota_set(req, quotas.limits(sess, id, _user_id(req)), id)

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.user_query)
    def detail(self, req, id):
        user_id = _user_id(req)
        with engine.transaction() as sess:
            _authorize(req, 'os-quota-sets:detail', id, sess)
            return views.detail(req, id, quotas.limits(sess, id, user_id),
                                quotas.displayed_usage(sess, id, user_id))

    @wsgi.expected_errors(400)
    @validation.schema(schema.update)
    @validation.query_schema(schema.user_query)
    def update(self, req, id, body):
        user_id = _user_id(req)
        with engine.transaction() as sess:
            _authorize(req, 'os-quota-sets:update', id, sess)
            for resource, limit in _requested(sess, id, user_id, body['quota_set']).items():
                quotas.set_limit(sess, id, resource, limit, user_id)
            return views.quota_set(req, quotas.limits(sess, id, user_id))

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.defaults_query)
    def defaults(self, req, id):
        with engine.transaction() as sess:
            _authorize(req, 'os-quota-sets:defaults', id, sess)
            return views.quota_set(req, quotas.defaults(sess), id)

    @wsgi.response(202)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.user_query)
    def delete(self, req, id):
        policy.authorize(req.context, 'os-quota-sets:delete', target={'project_id': id})
        with engine.transaction() as sess:
            quotas.delete_overrides(sess, id, _user_id(req))


class QuotaClassSetsController(wsgi.Controller):

    @wsgi.expected_errors(())
    @validation.query_schema(schema.class_show_query)
    def show(self, req, id):
        policy.authorize(req.context, 'os-quota-class-sets:show', target={})
        with engine.transaction() as sess:
            return views.class_set(req, quotas.class_limits(sess, id), id)

    @wsgi.expected_errors(400)
    @validation.schema(schema.class_update)
    def update(self, req, id, body):
        policy.authorize(req.context, 'os-quota-class-sets:update', target={})
        try:
            strutils.check_string_length(id, 'quota_class_name', min_length=1, max_length=255)
        except ValueError as exc:
            raise exception.Invalid(str(exc)) from None
        with engine.transaction() as sess:
            for resource, limit in body['quota_class_set'].items():
                quotas.set_class_limit(sess, id, resource, int(limit))
            return views.class_set(req, quotas.class_limits(sess, id))
