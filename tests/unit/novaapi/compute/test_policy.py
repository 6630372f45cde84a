"""The policy kinds: reader, member, admin and owner rules."""

from novaapi.compute import policy
from novaapi import context
from novaapi import exception

import pytest


def test_policy_kinds(monkeypatch):
    member = context.RequestContext('u', 'p1', ['member', 'reader'])
    reader = context.RequestContext('u', 'p1', ['reader'])
    admin = context.RequestContext('a', 'p0', ['admin', 'manager', 'member', 'reader'])
    nobody = context.RequestContext('n', 'p1', [])
    for rule, kind in {'test:read': policy.PROJECT_READER, 'test:write': policy.PROJECT_MEMBER,
                       'test:admin': policy.ADMIN, 'test:own': policy.OWNER}.items():
        monkeypatch.setitem(policy.RULES, rule, kind)
    assert policy.check(reader, 'test:read') and not policy.check(reader, 'test:write')
    assert policy.check(member, 'test:write', {'project_id': 'p1'})
    assert not policy.check(member, 'test:write', {'project_id': 'p2'})
    assert policy.check(admin, 'test:write', {'project_id': 'p2'}) and policy.check(admin, 'test:admin')
    assert not policy.check(nobody, 'test:read')
    assert policy.check(member, 'test:own', {'user_id': 'u'}) and not policy.check(member, 'test:own',
                                                                                   {'user_id': 'x'})
    with pytest.raises(exception.PolicyNotAuthorized) as err:
        policy.authorize(member, 'test:admin')
    assert err.value.message == "Policy doesn't allow os_compute_api:test:admin to be performed."


@pytest.mark.parametrize('scope', [{'system_scope': 'all'}, {'domain_id': 'd1'}])
def test_every_rule_is_project_scoped(scope):
    ctx = context.RequestContext('a', None, ['admin', 'reader'], **scope)
    assert not any(policy.check(ctx, rule) for rule in policy.RULES)
    with pytest.raises(exception.PolicyNotAuthorized) as err:
        policy.authorize(ctx, 'os-hypervisors:list')
    assert err.value.message == (
        "Policy doesn't allow os_compute_api:os-hypervisors:list to be performed.")
