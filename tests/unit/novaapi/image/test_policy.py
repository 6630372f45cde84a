"""Glance's policy table: the rule kinds and Glance's wording of a refusal."""

import pytest

from novaapi import context
from novaapi.image import policy


def _ctx(project_id, *roles):
    return context.RequestContext('u', project_id, list(roles))


def test_rule_kinds():
    member, admin = _ctx('p1', 'member', 'reader'), _ctx('p0', 'admin', 'member', 'reader')
    own, other = {'owner': 'p1', 'visibility': 'private'}, {'owner': 'p2', 'visibility': 'private'}
    assert policy.check(member, 'get_images')
    assert policy.check(member, 'get_image', own) and not policy.check(member, 'get_image', other)
    for visibility in policy.PUBLIC:
        assert policy.check(member, 'get_image', dict(other, visibility=visibility))
    for rule in ('add_image', 'modify_image', 'delete_image'):
        assert policy.check(member, rule, own) and not policy.check(member, rule, other)
        assert policy.check(admin, rule, other)
    assert not policy.check(member, 'publicize_image') and policy.check(admin, 'publicize_image')
    assert policy.unrestricted(admin, 'get_image') and not policy.unrestricted(member, 'get_image')
    assert policy.unrestricted(member, 'get_images')


def test_refusal_is_worded_as_glance():
    with pytest.raises(policy.Forbidden) as err:
        policy.authorize(_ctx('p1', 'member'), 'delete_image', {'owner': 'p2'})
    assert err.value.code == 403
    assert err.value.message == 'You are not authorized to complete delete_image action.'


def test_system_and_domain_scope_pass_no_rule():
    for ctx in (context.RequestContext('u', None, ['admin'], system_scope='all'),
                context.RequestContext('u', None, ['admin'], domain_id='d1')):
        assert not policy.check(ctx, 'get_images') and not policy.unrestricted(ctx, 'get_image')
        with pytest.raises(policy.Forbidden) as err:
            policy.authorize(ctx, 'get_images')
        assert err.value.message == 'You are not authorized to complete get_images action.'
