"""``/v2.0/security-group-rules``: list, show, create (one or bulk), delete."""

from novaapi.network import security_groups
from novaapi.network import views
from novaapi.network.controllers import common
from novaapi.web import responses


def index(call):
    rules = common.run(security_groups.list_rules, call.ctx)
    return common.collection(call, 'security_group_rules', views.security_group_rule, rules)


def show(call, rule_id):
    rule = common.run(security_groups.get_rule, call.ctx, rule_id)
    return common.show(call, 'security_group_rule', views.security_group_rule, rule)


def create(call):
    items, bulk = common.resources(call, 'security_group_rule', 'security_group_rules',
                                   security_groups.RULE_ATTRIBUTES)
    rules = common.run(security_groups.create_rules, call.ctx, items)
    if bulk:
        return common.show_many(call, 'security_group_rules', views.security_group_rule, rules)
    return common.show(call, 'security_group_rule', views.security_group_rule, rules[0],
                       status=201)


def delete(call, rule_id):
    common.run(security_groups.delete_rule, call.ctx, rule_id)
    return responses.no_content()
