"""Embedded authentication: validates ``X-Auth-Token`` against this service's identity tables."""

import webob.dec

from novaapi.api import middleware
from novaapi.api import wsgi
from novaapi import conf
from novaapi import context
from novaapi.identity import tokens

AUTH_REQUIRED = 'The request you have made requires authentication.'


def unauthorized():
    resp = wsgi.fault_response(401, AUTH_REQUIRED)
    resp.headers['WWW-Authenticate'] = 'Keystone uri="%s"' % conf.CONF.endpoint_url('identity')
    return resp


class EmbeddedAuth(middleware.Middleware):

    @webob.dec.wsgify
    def __call__(self, req):
        token = req.headers.get('X-Auth-Token')
        info = tokens.validate(token) if token else None
        if info is None or not info.project_id:
            return unauthorized()
        req.environ['nova.context'] = context.RequestContext(
            user_id=info.user_id, project_id=info.project_id, roles=list(info.roles),
            user_name=info.user_name, project_name=info.project_name,
            user_domain_id=info.user_domain_id, project_domain_id=info.project_domain_id,
            auth_token=token, request_id=req.environ.get('openstack.request_id'),
            global_request_id=req.environ.get('openstack.global_request_id'))
        return req.get_response(self.application)
