"""``/v3/users``: CRUD and passwords, self-service password change, what users read of themselves."""

from novaapi.db import engine
from novaapi.identity import models
from novaapi.identity import passwords
from tests.unit.novaapi.identity import conftest


def test_user_crud_and_password(client, admin_token, ids):
    user = conftest.create(client, admin_token, 'users', 'user', {
        'name': 'alice', 'password': 'alice-pw', 'default_project_id': ids['demo_project_id'],
        'email': 'a@example.com'})
    assert 'password' not in user and user['default_project_id'] == ids['demo_project_id']
    assert user['password_expires_at'] is None
    with engine.transaction() as sess:
        stored = sess.get(models.User, user['id']).password_hash
    assert 'alice-pw' not in stored and passwords.verify_password('alice-pw', stored)
    assert client.get('/v3/users?name=alice', token=admin_token).data['users'][0]['id'] == \
        user['id']
    client.put('/v3/projects/%s/users/%s/roles/%s' % (
        ids['demo_project_id'], user['id'], conftest.role_id(client, admin_token, 'reader')),
        token=admin_token)
    login = client.post('/v3/auth/tokens', conftest.password_auth('alice', 'alice-pw'))
    assert login.data['token']['project']['id'] == ids['demo_project_id']
    old_token = login.headers['X-Subject-Token']
    resp = client.patch('/v3/users/%s' % user['id'], {'user': {'password': 'new-pw'}},
                        token=admin_token)
    assert resp.status_int == 200
    assert client.get('/v3/auth/projects', token=old_token).status_int == 401
    assert client.post('/v3/auth/tokens', conftest.password_auth('alice', 'new-pw')) \
        .status_int == 201
    assert client.delete('/v3/users/%s' % user['id'], token=admin_token).status_int == 204
    assert client.get('/v3/users/%s' % user['id'], token=admin_token).status_int == 404


def test_self_service_password_change(client, ids):
    url = '/v3/users/%s/password' % ids['demo_user_id']
    bad = client.post(url, {'user': {'password': 'n', 'original_password': 'wrong'}})
    assert bad.status_int == 401
    ok = client.post(url, {'user': {'password': 'fresh', 'original_password':
                                    conftest.DEMO_PASSWORD}})
    assert ok.status_int == 204
    assert client.login('demo', password='fresh').status_int == 201
    extra = client.post(url, {'user': {'password': 'n', 'original_password': 'fresh', 'x': 1}})
    assert extra.status_int == 400
    assert client.get(url).status_int == 405


def test_a_disabled_user_cannot_change_its_password(client, admin_token, ids):
    client.patch('/v3/users/%s' % ids['demo_user_id'], {'user': {'enabled': False}},
                 token=admin_token)
    resp = client.post('/v3/users/%s/password' % ids['demo_user_id'], {'user': {
        'password': 'fresh', 'original_password': conftest.DEMO_PASSWORD}})
    assert resp.status_int == 401 and resp.data['error']['message'] == (
        'The request you have made requires authentication.')


def test_users_read_themselves_and_their_projects(client, demo_token, ids):
    me = client.get('/v3/users/%s' % ids['demo_user_id'], token=demo_token)
    assert me.status_int == 200 and me.data['user']['name'] == 'demo'
    mine = client.get('/v3/users/%s/projects' % ids['demo_user_id'], token=demo_token)
    assert [p['name'] for p in mine.data['projects']] == ['demo']
    assert client.get('/v3/projects/%s' % ids['demo_project_id'], token=demo_token) \
        .status_int == 200
    assert client.get('/v3/users/%s' % ids['admin_user_id'], token=demo_token).status_int == 403
    assert client.get('/v3/users/%s/projects' % ids['admin_user_id'], token=demo_token) \
        .status_int == 403
