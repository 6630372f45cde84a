"""``/v3/users/{user_id}/application_credentials`` and access rules; authenticating with them."""

import datetime

import sqlalchemy as sa

from novaapi.db import engine
from novaapi.identity import models
from novaapi.identity import passwords
from novaapi.identity import tokens
from tests.unit.novaapi.identity import conftest


def _url(user_id, *rest):
    return '/'.join(['/v3/users', user_id, 'application_credentials'] + list(rest))


def _create(client, token, user_id, **ref):
    ref.setdefault('name', 'ci')
    resp = client.post(_url(user_id), {'application_credential': ref}, token=token)
    assert resp.status_int == 201, resp.body
    return resp.data['application_credential']


def _auth(cred_id=None, secret=None, **by_name):
    ref = {'secret': secret}
    if cred_id:
        ref['id'] = cred_id
    ref.update(by_name)
    return {'auth': {'identity': {'methods': ['application_credential'],
                                  'application_credential': ref}}}


def test_create_shows_the_secret_once_and_stores_only_a_slow_hash(client, demo_token, ids):
    demo = ids['demo_user_id']
    cred = _create(client, demo_token, demo, description='for CI')
    assert len(cred['secret']) == 86 and cred['unrestricted'] is False
    assert cred['project_id'] == ids['demo_project_id'] and 'access_rules' not in cred
    assert {r['name'] for r in cred['roles']} == {'member', 'reader'}
    with engine.transaction() as sess:
        row = sess.get(models.ApplicationCredential, cred['id'])
        assert row.secret_hash.startswith('scrypt$') and cred['secret'] not in row.secret_hash
        assert passwords.verify_password(cred['secret'], row.secret_hash)
    shown = client.get(_url(demo, cred['id']), token=demo_token).data['application_credential']
    assert 'secret' not in shown and shown['name'] == 'ci'
    listed = client.get(_url(demo) + '?name=ci', token=demo_token).data
    assert [c['id'] for c in listed['application_credentials']] == [cred['id']]
    assert client.get(_url(demo) + '?name=other', token=demo_token).data[
        'application_credentials'] == []
    given = _create(client, demo_token, demo, name='given', secret='my-own-secret')
    assert given['secret'] == 'my-own-secret'
    dup = client.post(_url(demo), {'application_credential': {'name': 'ci'}}, token=demo_token)
    assert dup.status_int == 409


def test_create_checks_owner_roles_expiry_and_body(client, demo_token, admin_token, ids):
    demo = ids['demo_user_id']
    other = client.post(_url(ids['admin_user_id']), {'application_credential': {'name': 'x'}},
                        token=demo_token)
    assert other.status_int == 403
    assert 'identity:create_application_credential' in other.data['error']['message']
    admin_for_demo = client.post(_url(demo), {'application_credential': {'name': 'x'}},
                                 token=admin_token)
    assert admin_for_demo.status_int == 403
    unassigned = client.post(_url(demo), {'application_credential': {
        'name': 'x', 'roles': [{'name': 'admin'}]}}, token=demo_token)
    assert unassigned.status_int == 400
    assert unassigned.data['error']['message'] == (
        'Invalid application credential: Cannot create an application credential with '
        'unassigned role')
    missing_role = client.post(_url(demo), {'application_credential': {
        'name': 'x', 'roles': [{'id': 'nope'}]}}, token=demo_token)
    assert missing_role.status_int == 404
    past = client.post(_url(demo), {'application_credential': {
        'name': 'x', 'expires_at': '2001-01-01T00:00:00Z'}}, token=demo_token)
    assert past.status_int == 400 and "'expires_at' must not be before now" in past.body.decode()
    extra = client.post(_url(demo), {'application_credential': {'name': 'x', 'bogus': 1}},
                        token=demo_token)
    assert extra.status_int == 400
    bad_rule = client.post(_url(demo), {'application_credential': {
        'name': 'x', 'access_rules': [{'service': 'compute', 'method': 'GET',
                                       'path': 'no-slash'}]}}, token=demo_token)
    assert bad_rule.status_int == 400
    reader = _create(client, demo_token, demo, name='reader', roles=[{'name': 'reader'}],
                     description=None, expires_at=None, secret=None, unrestricted=None,
                     access_rules=[])
    assert [r['name'] for r in reader['roles']] == ['reader']


def test_authenticating_by_id_and_by_name(client, demo_token, ids):
    demo = ids['demo_user_id']
    cred = _create(client, demo_token, demo, roles=[{'name': 'reader'}])
    resp = client.post('/v3/auth/tokens', _auth(cred['id'], cred['secret']))
    assert resp.status_int == 201, resp.body
    token = resp.data['token']
    assert token['methods'] == ['application_credential']
    assert token['project']['id'] == ids['demo_project_id']
    assert [r['name'] for r in token['roles']] == ['reader']
    assert token['application_credential'] == {'id': cred['id'], 'name': 'ci',
                                               'restricted': True}
    assert token['catalog']
    by_name = _auth(secret=cred['secret'], name='ci',
                    user={'name': 'demo', 'domain': {'name': 'Default'}})
    assert client.post('/v3/auth/tokens', by_name).status_int == 201
    by_user_id = _auth(secret=cred['secret'], name='ci', user={'id': demo})
    assert client.post('/v3/auth/tokens', by_user_id).status_int == 201
    assert client.post('/v3/auth/tokens', _auth(cred['id'], 'wrong')).status_int == 401
    assert client.post('/v3/auth/tokens', _auth('unknown', 'wrong')).status_int == 401
    no_user = client.post('/v3/auth/tokens', _auth(secret='s', name='ci'))
    assert no_user.status_int == 400
    scoped = _auth(cred['id'], cred['secret'])
    scoped['auth']['scope'] = {'project': {'id': ids['demo_project_id']}}
    refused = client.post('/v3/auth/tokens', scoped)
    assert refused.status_int == 401
    assert refused.data['error']['message'] == ('Error authenticating with application '
                                                'credential: Application credentials cannot '
                                                'request a scope.')


def test_restricted_tokens_cannot_manage_credentials_unrestricted_ones_can(client, demo_token,
                                                                           ids):
    demo = ids['demo_user_id']
    restricted = _create(client, demo_token, demo, name='r')
    free = _create(client, demo_token, demo, name='u', unrestricted=True)
    r_token = client.post('/v3/auth/tokens', _auth(restricted['id'], restricted['secret'])) \
        .headers['X-Subject-Token']
    u_token = client.post('/v3/auth/tokens', _auth(free['id'], free['secret'])) \
        .headers['X-Subject-Token']
    denied = client.post(_url(demo), {'application_credential': {'name': 'n'}}, token=r_token)
    assert denied.status_int == 403
    assert denied.data['error']['message'] == (
        "You are not authorized to perform the requested action: Using method "
        "'application_credential' is not allowed for managing additional application "
        "credentials.")
    assert client.delete(_url(demo, free['id']), token=r_token).status_int == 403
    assert client.get(_url(demo), token=r_token).status_int == 200
    assert _create(client, u_token, demo, name='child')['roles']


def test_delete_revokes_tokens_at_once_and_user_delete_removes_everything(
        client, admin_token, ids):
    alice = conftest.create(client, admin_token, 'users', 'user',
                            {'name': 'alice', 'password': 'pw'})
    member = conftest.role_id(client, admin_token, 'member')
    client.put('/v3/projects/%s/users/%s/roles/%s' % (ids['demo_project_id'], alice['id'],
                                                       member), token=admin_token)
    alice_token = client.post('/v3/auth/tokens', conftest.password_auth(
        'alice', 'pw', project='demo')).headers['X-Subject-Token']
    first = _create(client, alice_token, alice['id'], name='one', access_rules=[
        {'service': 'compute', 'method': 'GET', 'path': '/v2.1/servers'}])
    second = _create(client, alice_token, alice['id'], name='two')
    t1 = client.post('/v3/auth/tokens', _auth(first['id'], first['secret'])) \
        .headers['X-Subject-Token']
    t2 = client.post('/v3/auth/tokens', _auth(second['id'], second['secret'])) \
        .headers['X-Subject-Token']
    assert tokens.validate(t1).application_credential['access_rules'][0]['service'] == 'compute'
    assert client.delete(_url(alice['id'], first['id']), token=alice_token).status_int == 204
    assert tokens.validate(t1) is None and tokens.validate(t2) is not None
    assert client.get(_url(alice['id'], first['id']), token=alice_token).status_int == 404
    rules = client.get('/v3/users/%s/access_rules' % alice['id'], token=alice_token).data
    assert len(rules['access_rules']) == 1
    rule_id = rules['access_rules'][0]['id']
    assert client.get('/v3/users/%s/access_rules/%s' % (alice['id'], rule_id),
                      token=alice_token).data['access_rule']['path'] == '/v2.1/servers'
    assert client.delete('/v3/users/%s' % alice['id'], token=admin_token).status_int == 204
    assert tokens.validate(t2) is None
    with engine.transaction() as sess:
        for model in (models.ApplicationCredential, models.AccessRule,
                      models.ApplicationCredentialRole):
            assert sess.scalar(sa.select(sa.func.count()).select_from(model)) == 0


def test_access_rules_need_an_enforcing_validator_and_expiry_caps_tokens(
        client, demo_token, admin_token, ids):
    demo = ids['demo_user_id']
    soon = (datetime.datetime.now(datetime.timezone.utc)
            + datetime.timedelta(minutes=5)).strftime('%Y-%m-%dT%H:%M:%SZ')
    cred = _create(client, demo_token, demo, expires_at=soon, access_rules=[
        {'service': 'compute', 'method': 'GET', 'path': '/v2.1/servers/*'}])
    assert cred['expires_at'].startswith(soon[:-1])
    resp = client.post('/v3/auth/tokens', _auth(cred['id'], cred['secret']))
    assert resp.data['token']['expires_at'].startswith(soon[:-1])
    subject = resp.headers['X-Subject-Token']
    plain = client.get('/v3/auth/tokens', token=admin_token,
                       headers={'X-Subject-Token': subject})
    assert plain.status_int == 404
    enforcing = client.get('/v3/auth/tokens', token=admin_token,
                           headers={'X-Subject-Token': subject,
                                    'OpenStack-Identity-Access-Rules': '1'})
    assert enforcing.status_int == 200
    assert enforcing.data['token']['application_credential']['access_rules'][0]['path'] == \
        '/v2.1/servers/*'
    # the identity filter enforces the rules too: only token validation is open
    assert client.get('/v3/users/%s' % demo, token=subject).status_int == 401


def test_losing_the_role_or_the_user_being_disabled_ends_the_token(client, admin_token, ids):
    bob = conftest.create(client, admin_token, 'users', 'user', {'name': 'bob', 'password': 'pw'})
    reader = conftest.role_id(client, admin_token, 'reader')
    grant = '/v3/projects/%s/users/%s/roles/%s' % (ids['demo_project_id'], bob['id'], reader)
    client.put(grant, token=admin_token)
    bob_token = client.post('/v3/auth/tokens', conftest.password_auth(
        'bob', 'pw', project='demo')).headers['X-Subject-Token']
    cred = _create(client, bob_token, bob['id'])
    token = client.post('/v3/auth/tokens', _auth(cred['id'], cred['secret'])) \
        .headers['X-Subject-Token']
    client.delete(grant, token=admin_token)
    assert tokens.validate(token) is None
    assert client.post('/v3/auth/tokens', _auth(cred['id'], cred['secret'])).status_int == 401
    client.put(grant, token=admin_token)
    token = client.post('/v3/auth/tokens', _auth(cred['id'], cred['secret'])) \
        .headers['X-Subject-Token']
    client.patch('/v3/users/%s' % bob['id'], {'user': {'enabled': False}}, token=admin_token)
    assert tokens.validate(token) is None
    assert client.post('/v3/auth/tokens', _auth(cred['id'], cred['secret'])).status_int == 401
