"""The block-storage policy table: members write their project's, readers read, admins all."""

import pytest

from novaapi import context
from novaapi.volume import errors
from novaapi.volume import policy


def _ctx(roles, project='p1'):
    return context.RequestContext(user_id='u', project_id=project, roles=roles)


def test_rule_kinds():
    member, reader, admin = _ctx(['member', 'reader']), _ctx(['reader']), _ctx(['admin'])
    assert policy.check(member, 'volume:create', {'project_id': 'p1'})
    assert not policy.check(reader, 'volume:create', {'project_id': 'p1'})
    assert policy.check(reader, 'volume:get', {'project_id': 'p1'})
    assert not policy.check(member, 'volume:get', {'project_id': 'p2'})
    assert policy.check(admin, 'volume_extension:types_manage')
    assert not policy.check(member, 'volume_extension:types_manage')


def test_refusal_words_the_rule_as_cinder():
    with pytest.raises(errors.PolicyNotAuthorized) as info:
        policy.authorize(_ctx(['member']), 'volume_extension:quotas:update', {'project_id': 'p'})
    assert info.value.message == \
        "Policy doesn't allow volume_extension:quotas:update to be performed."
    assert info.value.code == 403


SCOPES = [{'system_scope': 'all'}, {'domain_id': 'd1'}]


@pytest.mark.parametrize('scope', SCOPES)
def test_an_admin_of_any_scope_passes_every_rule(scope):
    """No Cinder rule declares scope_types and enforce_scope is off: role:admin is enough."""
    ctx = context.RequestContext('u', None, ['admin', 'member', 'reader'], **scope)
    assert ctx.scope != 'project'
    assert all(policy.check(ctx, rule, {'project_id': 'p1'}) for rule in policy.RULES)


@pytest.mark.parametrize('scope', SCOPES)
def test_a_reader_without_a_project_passes_only_its_own_lists(scope):
    ctx = context.RequestContext('u', None, ['reader'], **scope)
    for rule in (policy.ALL_TENANTS, 'volume:get_all_snapshots', 'limits_extension:used_limits'):
        assert policy.check(ctx, rule, {'project_id': ctx.project_id})
    assert policy.check(ctx, 'volume_extension:type_get_all')
    assert not policy.check(ctx, 'volume:get', {'project_id': 'p1'})
    assert not policy.check(ctx, 'volume:create', {'project_id': None})
    assert not policy.check(ctx, 'volume_extension:types_manage')
    with pytest.raises(errors.PolicyNotAuthorized) as info:
        policy.authorize(ctx, 'volume_extension:quotas:show', {'project_id': 'p1'})
    assert info.value.code == 403 and info.value.message == \
        "Policy doesn't allow volume_extension:quotas:show to be performed."
