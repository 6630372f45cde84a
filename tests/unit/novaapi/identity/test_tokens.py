"""The token store behind ``tokens.validate``: issue, scope, revoke, expire, purge."""

import datetime

import sqlalchemy as sa

from novaapi import conf
from novaapi.db import engine
from novaapi.identity import models
from novaapi.identity import tokens


def _issue(user_id, project_id=None, parent=None):
    with engine.transaction() as sess:
        return tokens.issue(sess, user_id, project_id, ['password'], parent=parent)


def test_validate_scoped_token_with_implied_roles(ids):
    token_id, info = _issue(ids['admin_user_id'], ids['admin_project_id'])
    got = tokens.validate(token_id)
    assert got == info
    assert got.user_name == 'admin' and got.user_domain_name == 'Default'
    assert got.project_name == 'admin' and got.project_domain_id == 'default'
    assert sorted(got.roles) == ['admin', 'manager', 'member', 'reader']
    assert got.methods == ['password']
    assert got.expires_at - got.issued_at == datetime.timedelta(seconds=3600)


def test_member_implies_reader(ids):
    token_id, _info = _issue(ids['demo_user_id'], ids['demo_project_id'])
    assert tokens.validate(token_id).roles == ['member', 'reader']


def test_unscoped_token(ids):
    token_id, _info = _issue(ids['demo_user_id'])
    got = tokens.validate(token_id)
    assert got.project_id is None and got.project_name is None and got.roles == []


def test_token_stored_only_as_hash(ids):
    token_id, _info = _issue(ids['demo_user_id'])
    with engine.transaction() as sess:
        stored = sess.scalars(sa.select(models.Token.id)).all()
    assert token_id not in stored
    assert stored == [tokens.hash_token(token_id)]


def test_unknown_and_garbage_tokens(ids):
    assert tokens.validate('nope') is None
    assert tokens.validate('') is None
    assert tokens.validate(None) is None


def test_expired_token(ids):
    conf.CONF.set('identity', 'token_expiration', 0)
    token_id, info = _issue(ids['demo_user_id'])
    assert info is None
    assert tokens.validate(token_id) is None


def test_revoke_cascades_to_rescoped(ids):
    parent_id, parent = _issue(ids['demo_user_id'])
    child_id, child = _issue(ids['demo_user_id'], ids['demo_project_id'], parent=parent)
    assert child.audit_ids == [child.audit_id, parent.audit_id]
    with engine.transaction() as sess:
        assert tokens.revoke(sess, parent_id)
        assert not tokens.revoke(sess, 'unknown')
    assert tokens.validate(parent_id) is None
    assert tokens.validate(child_id) is None


def test_losing_last_role_invalidates_scoped_token(ids):
    token_id, _info = _issue(ids['demo_user_id'], ids['demo_project_id'])
    with engine.transaction() as sess:
        sess.execute(sa.delete(models.RoleAssignment)
                     .where(models.RoleAssignment.actor_id == ids['demo_user_id']))
    assert tokens.validate(token_id) is None


def test_disabled_user_token_invalid(ids):
    token_id, _info = _issue(ids['demo_user_id'])
    with engine.transaction() as sess:
        sess.get(models.User, ids['demo_user_id']).enabled = False
    assert tokens.validate(token_id) is None
    with engine.transaction() as sess:
        assert tokens.refusal(sess, token_id) == tokens.FAILED
        assert tokens.refusal(sess, 'unknown') == tokens.FAILED


def test_disabled_project_or_its_domain_invalidates_the_token_until_enabled(ids):
    token_id, _info = _issue(ids['demo_user_id'], ids['demo_project_id'])
    for model, row_id in ((models.Project, ids['demo_project_id']), (models.Domain, 'default')):
        with engine.transaction() as sess:
            sess.get(model, row_id).enabled = False
        assert tokens.validate(token_id) is None
        with engine.transaction() as sess:
            assert tokens.refusal(sess, token_id) == (
                'Unable to validate token because %s %s is disabled' % (
                    'project' if model is models.Project else 'domain', row_id))
            sess.get(model, row_id).enabled = True
        assert tokens.validate(token_id).project_id == ids['demo_project_id']


def test_purge_expired(ids):
    _issue(ids['demo_user_id'])
    with engine.transaction() as sess:
        tokens.purge_expired(sess, now=datetime.datetime(2999, 1, 1))
        assert sess.scalar(sa.select(sa.func.count()).select_from(models.Token)) == 0
