"""Neutron's policy table: the rule kinds, owners of new resources and Neutron's wording."""

import pytest

from novaapi import context
from novaapi.network import policy


def _ctx(project_id, *roles):
    return context.RequestContext('u', project_id, list(roles))


def test_rule_kinds():
    member, admin = _ctx('p1', 'member', 'reader'), _ctx('p0', 'admin', 'member', 'reader')
    own, other = {'project_id': 'p1'}, {'project_id': 'p2'}
    for rule in ('get_port', 'create_port', 'update_port', 'delete_port', 'get_security_group',
                 'create_network'):
        assert policy.check(member, rule, own) and not policy.check(member, rule, other)
        assert policy.check(admin, rule, other)
    assert not policy.check(member, 'get_network', other)
    assert policy.check(member, 'get_network', dict(other, shared=True))
    assert policy.check(member, 'get_network', dict(other, external=True))
    assert not policy.check(member, 'create_network:shared')
    assert policy.check(admin, 'create_network:shared')
    assert policy.unrestricted(admin, 'get_port') and not policy.unrestricted(member, 'get_port')


def test_owner_of_a_new_resource():
    member = _ctx('p1', 'member')
    item = {'tenant_id': 'p1', 'name': 'n'}
    assert policy.owner(member, item, 'create_port') == 'p1' and item == {'name': 'n'}
    assert policy.owner(member, {}, 'create_port') == 'p1'
    assert policy.owner(_ctx('p0', 'admin'), {'project_id': 'p2'}, 'create_port') == 'p2'
    with pytest.raises(policy.PolicyNotAuthorized) as err:
        policy.owner(member, {'project_id': 'p2', 'tenant_id': 'p2'}, 'create_port')
    assert err.value.message == '(rule:create_port) is disallowed by policy'


def test_attribute_rule_refusal_names_the_action_too():
    with pytest.raises(policy.PolicyNotAuthorized) as err:
        policy.authorize(_ctx('p1', 'member'), 'create_network:shared')
    assert err.value.code == 403
    assert err.value.message == ('(rule:create_network and rule:create_network:shared) '
                                 'is disallowed by policy')


def test_system_scope_passes_no_rule_even_as_admin():
    system = context.RequestContext('u', None, ['admin', 'reader'], system_scope='all')
    assert not policy.check(system, 'get_network', {'project_id': 'p1', 'shared': True})
    assert not policy.unrestricted(system, 'get_port')
    with pytest.raises(policy.InvalidScope) as err:
        policy.authorize(system, 'create_network:shared', {'project_id': 'p1'})
    assert err.value.code == 403 and err.value.message == (
        "rule:create_network requires a scope of ['project'], request was made with system "
        "scope.")
    with pytest.raises(policy.HTTPBadRequest) as err:
        policy.owner(system, {'name': 'n'}, 'create_network')
    assert err.value.message == ('Running without keystone AuthN requires that tenant_id is '
                                 'specified')


def test_a_token_without_a_project_owns_no_row():
    import sqlalchemy as sa
    column = sa.column('project_id')
    assert str(policy.owned(column, _ctx('p1'))) == 'project_id = :project_id_1'
    for ctx in (_ctx(None), context.RequestContext('u', None, ['admin'], system_scope='all')):
        assert str(policy.owned(column, ctx)) == 'false'
