"""The identity policy table: who passes each kind of check, and Keystone's 401/403 bodies."""

import pytest

from novaapi.identity import errors
from novaapi.identity import policy
from novaapi.identity import tokens


def _token(roles, user_id='u1', project_id='p1', domain_id='d1'):
    return tokens.TokenInfo(
        user_id=user_id, user_name='n', user_domain_id=domain_id, user_domain_name='D',
        project_id=project_id, project_name='p', project_domain_id=domain_id,
        project_domain_name='D', roles=list(roles), expires_at=None, issued_at=None,
        audit_id='a', methods=['password'])


ADMIN, MEMBER, SERVICE = (_token(['admin', 'member']), _token(['member']),
                          _token(['service'], user_id='s1'))


@pytest.mark.parametrize('rule', sorted(r for r, kind in policy.RULES.items()
                                         if kind != policy.PROJECT_SELF))
def test_admin_passes_every_rule_but_the_owner_only_ones(rule):
    assert policy.check(ADMIN, rule, {})


def test_only_the_owner_with_a_project_token_creates_application_credentials():
    rule = 'identity:create_application_credential'
    assert policy.check(MEMBER, rule, {'user_id': 'u1'})
    assert not policy.check(ADMIN, rule, {'user_id': 'u2'})
    assert not policy.check(_token(['admin'], project_id=None), rule, {'user_id': 'u1'})


@pytest.mark.parametrize('rule, target, member, service', [
    ('identity:list_users', {}, False, False),
    ('identity:list_regions', {}, True, True),
    ('identity:get_user', {'user_id': 'u1'}, True, False),
    ('identity:get_user', {'user_id': 'u2'}, False, False),
    ('identity:get_project', {'project_id': 'p1'}, True, True),
    ('identity:get_project', {'project_id': 'p2'}, False, False),
    ('identity:get_domain', {'domain_id': 'd1'}, True, True),
    ('identity:get_domain', {'domain_id': 'd2'}, False, False),
    ('identity:validate_token', {'user_id': 'u1'}, True, True),
    ('identity:validate_token', {'user_id': 'u2'}, False, True),
    ('identity:get_user', {}, False, False),
])
def test_check_kinds(rule, target, member, service):
    assert policy.check(MEMBER, rule, target) is member
    assert policy.check(SERVICE, rule, target) is service


def test_enforce_returns_the_token_or_raises_keystone_errors():
    assert policy.enforce(MEMBER, 'identity:get_user', {'user_id': 'u1'}) is MEMBER
    with pytest.raises(errors.ForbiddenAction) as err:
        policy.enforce(MEMBER, 'identity:list_users')
    assert err.value.body()['error']['message'] == (
        'You are not authorized to perform the requested action: identity:list_users.')
    with pytest.raises(errors.Unauthorized):
        policy.enforce(None, 'identity:list_regions')
