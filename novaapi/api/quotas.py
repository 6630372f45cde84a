"""Quota sets of projects and users (``/os-quota-sets``) and quota classes (``/os-quota-class-sets``)."""

from oslo_utils import strutils

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import quotas as schema
from novaapi.api.views import quotas as views
from novaapi.compute import policy
from novaapi.compute import quotas
from novaapi import exception


def _user_id(req):
    return req.GET.getall('user_id')[0] if 'user_id' in req.GET else None


def _authorize(req, rule, project_id):
    policy.authorize(req.context, rule, target={'project_id': project_id})


class QuotaSetsController(wsgi.Controller):

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.user_query)
    def show(self, req, id):
        _authorize(req, 'os-quota-sets:show', id)
        return views.quota_set(req, quotas.show_limits(req.context, id, _user_id(req)), id)

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.user_query)
    def detail(self, req, id):
        _authorize(req, 'os-quota-sets:detail', id)
        return views.detail(req, id, *quotas.show_detail(req.context, id, _user_id(req)))

    @wsgi.expected_errors(400)
    @validation.schema(schema.update)
    @validation.query_schema(schema.user_query)
    def update(self, req, id, body):
        _authorize(req, 'os-quota-sets:update', id)
        return views.quota_set(req, quotas.update_limits(req.context, id, body['quota_set'],
                                                         _user_id(req)))

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.defaults_query)
    def defaults(self, req, id):
        _authorize(req, 'os-quota-sets:defaults', id)
        return views.quota_set(req, quotas.show_defaults(req.context, id), id)

    @wsgi.response(202)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.user_query)
    def delete(self, req, id):
        _authorize(req, 'os-quota-sets:delete', id)
        quotas.reset_limits(req.context, id, _user_id(req))


class QuotaClassSetsController(wsgi.Controller):

    @wsgi.expected_errors(())
    @validation.query_schema(schema.class_show_query)
    def show(self, req, id):
        policy.authorize(req.context, 'os-quota-class-sets:show', target={})
        return views.class_set(req, quotas.show_class(req.context, id), id)

    @wsgi.expected_errors(400)
    @validation.schema(schema.class_update)
    def update(self, req, id, body):
        policy.authorize(req.context, 'os-quota-class-sets:update', target={})
        try:
            strutils.check_string_length(id, 'quota_class_name', min_length=1, max_length=255)
        except ValueError as exc:
            raise exception.Invalid(str(exc)) from None
        return views.class_set(req, quotas.update_class(req.context, id, body['quota_class_set']))
