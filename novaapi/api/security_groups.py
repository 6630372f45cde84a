"""Nova's proxies over the network service's security groups (2.1-2.35):
``os-security-groups`` and ``os-security-group-rules``."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import security_groups as schema
from novaapi.compute import policy
from novaapi.compute.subresources import security_groups
from novaapi import conf

MAX_PROXY = '2.35'


def _authorize(req, rule):
    policy.authorize(req.context, 'os-security-groups:' + rule,
                     target={'project_id': req.context.project_id})


def _limited(req, items):
    """Nova's ``limited``: ``offset`` then at most ``limit`` (0 or absent: ``max_limit``)."""
    max_limit = conf.CONF.api.max_limit
    offset = int(req.GET.getall('offset')[-1]) if req.GET.getall('offset') else 0
    limit = int(req.GET.getall('limit')[-1]) if req.GET.getall('limit') else 0
    limit = min(max_limit, limit or max_limit)
    return items[offset:offset + limit]


class SecurityGroupController(wsgi.Controller):

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.index_query)
    def index(self, req):
        _authorize(req, 'get')
        groups = security_groups.list_groups(req.context, 'all_tenants' in req.GET)
        listed = _limited(req, groups)
        return {'security_groups': sorted(listed, key=lambda g: (g['tenant_id'], g['name']))}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.ANY_QUERY)
    def show(self, req, id):
        _authorize(req, 'show')
        return {'security_group': security_groups.show_group(req.context, id)}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors((400, 403))
    @validation.schema(schema.create)
    def create(self, req, body):
        _authorize(req, 'create')
        group = body['security_group']
        return {'security_group': security_groups.create_group(
            req.context, group['name'], group['description'])}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors((400, 404))
    @validation.schema(schema.create)
    def update(self, req, id, body):
        _authorize(req, 'update')
        group = body['security_group']
        return {'security_group': security_groups.update_group(
            req.context, id, group['name'], group['description'])}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors((400, 404))
    @wsgi.response(202)
    def delete(self, req, id):
        _authorize(req, 'delete')
        security_groups.delete_group(req.context, id)


class SecurityGroupRulesController(wsgi.Controller):

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors((400, 403, 404))
    @validation.schema(schema.create_rule)
    def create(self, req, body):
        _authorize(req, 'rule:create')
        rule = body['security_group_rule']
        return {'security_group_rule': security_groups.create_rule(
            req.context, rule['parent_group_id'], group_id=rule.get('group_id'),
            protocol=rule.get('ip_protocol'), from_port=rule.get('from_port'),
            to_port=rule.get('to_port'), cidr=rule.get('cidr'))}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.response(202)
    def delete(self, req, id):
        _authorize(req, 'rule:delete')
        security_groups.delete_rule(req.context, id)
