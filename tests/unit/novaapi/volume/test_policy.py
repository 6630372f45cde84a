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
