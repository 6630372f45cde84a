"""Key pairs through the compute pipeline, checked against Nova's samples per microversion."""

import base64

import pytest
import sqlalchemy as sa

from novaapi.compute import keypairs
from novaapi.compute import quotas
from novaapi.compute import ssh_keys
from novaapi.db import engine
from novaapi import exception
from tests.conftest import sample

IMPORT = ('ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDx8nkQv/zgGgB4rMYmIf+6A4l6Rr+o/6lHBQdW5aYd44bd8Jtt'
          'DCE/F/pNRr0lRE+PiqSPO8nDPHw0010JeMH9gYgnnFlyY3/OcJ02RhIPyyxYpv9FhY+2YiUkpwFOcLImyrxEsY'
          'XpD/0d3ac30bNH6Sw9JD9UZHYcpSxsIbECHw== Generated-by-Nova')
IMPORT_FINGERPRINT = '1e:2c:9b:56:79:4b:45:77:f9:ca:7a:98:2c:b0:d5:3c'


def _post(compute, token, version=None, **keypair):
    return compute.request('POST', '/v2.1/os-keypairs', token, body={'keypair': keypair},
                           version=version)


def _sample_keys(path, key='keypair'):
    return sorted(sample('os-keypairs/' + path)[key])


@pytest.mark.parametrize('version,folder', [('2.1', ''), ('2.2', 'v2.2/'), ('2.10', 'v2.10/'),
                                            ('2.35', 'v2.10/'), ('2.91', 'v2.10/')])
def test_generate_show_list_keys_match_samples(compute, demo_token, version, folder):
    created = _post(compute, demo_token, version, name='gen')
    assert created.status_int == (200 if version == '2.1' else 201)
    assert sorted(created.json['keypair']) == _sample_keys(folder + 'keypairs-post-resp.json')
    assert created.json['keypair']['private_key'].startswith('-----BEGIN RSA PRIVATE KEY-----\n')
    shown = compute.request('GET', '/v2.1/os-keypairs/gen', demo_token, version=version).json
    assert sorted(shown['keypair']) == _sample_keys(folder + 'keypairs-get-resp.json')
    assert shown['keypair']['deleted'] is False and shown['keypair']['updated_at'] is None
    assert isinstance(shown['keypair']['id'], int)
    listed = compute.request('GET', '/v2.1/os-keypairs', demo_token, version=version).json
    assert sorted(listed) == ['keypairs']
    want = sample('os-keypairs/%skeypairs-list-resp.json' % folder)['keypairs'][0]['keypair']
    assert sorted(listed['keypairs'][0]['keypair']) == sorted(want)
    deleted = compute.request('DELETE', '/v2.1/os-keypairs/gen', demo_token, version=version)
    assert deleted.status_int == (202 if version == '2.1' else 204) and deleted.body == b''


@pytest.mark.parametrize('version,folder', [('2.1', ''), ('2.2', 'v2.2/'), ('2.10', 'v2.10/'),
                                            ('2.92', 'v2.92/'), ('latest', 'v2.92/')])
def test_import_keys_match_samples(compute, demo_token, version, folder):
    resp = _post(compute, demo_token, version, name='imp', public_key=IMPORT)
    assert sorted(resp.json['keypair']) == _sample_keys(folder + 'keypairs-import-post-resp.json')
    assert resp.json['keypair']['fingerprint'] == IMPORT_FINGERPRINT
    assert resp.json['keypair']['public_key'] == IMPORT


def test_v292_requires_public_key_and_allows_more_name_characters(compute, demo_token):
    resp = _post(compute, demo_token, '2.92', name='gen')
    assert resp.status_int == 400
    assert "'public_key' is a required property" in resp.json['badRequest']['message']
    resp = _post(compute, demo_token, '2.92', name='me.and.myself@this.nice.domain.com mooh.',
                 public_key=IMPORT)
    assert resp.status_int == 201
    resp = _post(compute, demo_token, '2.91', name='a@b', public_key=IMPORT)
    assert resp.status_int == 400
    assert resp.json['badRequest']['message'].startswith('Invalid input for field/attribute name.')


@pytest.mark.parametrize('name', ['', ' lead', 'trail ', 'x' * 256, 'bad/char'])
def test_bad_names(compute, demo_token, name):
    resp = _post(compute, demo_token, '2.2', name=name, public_key=IMPORT)
    assert resp.status_int == 400
    assert 'Invalid input for field/attribute name' in resp.json['badRequest']['message']


def test_bad_bodies(compute, demo_token):
    resp = _post(compute, demo_token, '2.2', name='k', type='rsa', public_key=IMPORT)
    assert resp.status_int == 400 and 'field/attribute type' in resp.json['badRequest']['message']
    resp = _post(compute, demo_token, '2.9', name='k', user_id='x', public_key=IMPORT)
    assert resp.status_int == 400
    resp = _post(compute, demo_token, '2.1', name='k', type='ssh', public_key=IMPORT)
    assert resp.status_int == 400
    resp = compute.request('POST', '/v2.1/os-keypairs', demo_token, body={'nokeypair': {}})
    assert resp.status_int == 400


@pytest.mark.parametrize('public_key', ['', 'ssh-rsa', 'ssh-rsa AAAA', 'ssh-rsa !!notbase64',
                                        'ssh-dss ' + IMPORT.split()[1], 'nonsense'])
def test_invalid_public_key(compute, demo_token, public_key):
    resp = _post(compute, demo_token, '2.2', name='k', public_key=public_key)
    assert resp.status_int == 400
    assert resp.json == {'badRequest': {'code': 400, 'message':
                         'Keypair data is invalid: failed to generate fingerprint'}}


def test_x509_import_and_bad_certificate(compute, demo_token):
    _private, cert, fingerprint = ssh_keys.generate_x509('someone')
    resp = _post(compute, demo_token, '2.2', name='cert', type='x509', public_key=cert)
    assert resp.status_int == 201
    assert resp.json['keypair']['fingerprint'] == fingerprint and len(fingerprint) == 59
    assert resp.json['keypair']['type'] == 'x509'
    resp = _post(compute, demo_token, '2.2', name='cert2', type='x509', public_key=IMPORT)
    assert resp.status_int == 400
    assert resp.json['badRequest']['message'].startswith(
        'Keypair data is invalid: failed to generate X509 fingerprint. Error message: ')


def test_x509_generation(compute, demo_token):
    resp = _post(compute, demo_token, '2.2', name='winrm', type='x509')
    assert resp.status_int == 201
    body = resp.json['keypair']
    assert body['public_key'].startswith('-----BEGIN CERTIFICATE-----')
    assert base64.b64decode(body['private_key'])  # a PKCS#12 bundle


def test_duplicate_and_missing(compute, demo_token):
    assert _post(compute, demo_token, '2.2', name='k1', public_key=IMPORT).status_int == 201
    resp = _post(compute, demo_token, '2.2', name='k1', public_key=IMPORT)
    assert resp.json == {'conflictingRequest': {'code': 409,
                                                'message': "Key pair 'k1' already exists."}}
    user_id = compute.request('GET', '/v2.1/os-keypairs/k1', demo_token).json['keypair']['user_id']
    for method in ('GET', 'DELETE'):
        resp = compute.request(method, '/v2.1/os-keypairs/nope', demo_token)
        assert resp.json == {'itemNotFound': {'code': 404, 'message':
                             'Keypair nope not found for user %s' % user_id}}


def test_keypairs_are_per_user_and_admin_may_act_for_others(compute, admin_token, demo_token):
    assert _post(compute, demo_token, '2.2', name='mine', public_key=IMPORT).status_int == 201
    demo_user = compute.request('GET', '/v2.1/os-keypairs/mine', demo_token).json['keypair']['user_id']
    # The admin has no key pair of that name, and sees the demo user's only with user_id (2.10).
    assert compute.request('GET', '/v2.1/os-keypairs/mine', admin_token).status_int == 404
    assert compute.request('GET', '/v2.1/os-keypairs', admin_token).json == {'keypairs': []}
    resp = compute.request('GET', '/v2.1/os-keypairs?user_id=%s' % demo_user, admin_token,
                           version='2.10')
    assert [k['keypair']['name'] for k in resp.json['keypairs']] == ['mine']
    resp = compute.request('GET', '/v2.1/os-keypairs?user_id=%s' % demo_user, admin_token,
                           version='2.9')
    assert resp.json == {'keypairs': []}
    resp = compute.request('GET', '/v2.1/os-keypairs?user_id=', demo_token, version='2.10')
    assert [k['keypair']['name'] for k in resp.json['keypairs']] == ['mine']
    resp = _post(compute, admin_token, '2.10', name='given', public_key=IMPORT, user_id=demo_user)
    assert resp.status_int == 201 and resp.json['keypair']['user_id'] == demo_user
    assert compute.request('GET', '/v2.1/os-keypairs/given', demo_token).status_int == 200
    resp = compute.request('DELETE', '/v2.1/os-keypairs/given?user_id=%s' % demo_user, admin_token,
                           version='2.10')
    assert resp.status_int == 204
    # A non-admin may not act for another user.
    for method, path in (('GET', '/v2.1/os-keypairs?user_id=other'),
                         ('GET', '/v2.1/os-keypairs/mine?user_id=other'),
                         ('DELETE', '/v2.1/os-keypairs/mine?user_id=other')):
        resp = compute.request(method, path, demo_token, version='2.10')
        assert resp.status_int == 403
        assert resp.json['forbidden']['message'].startswith(
            "Policy doesn't allow os_compute_api:os-keypairs:")
    resp = _post(compute, demo_token, '2.10', name='x', public_key=IMPORT, user_id='other')
    assert resp.json['forbidden']['message'] == \
        "Policy doesn't allow os_compute_api:os-keypairs:create to be performed."


def test_paging_from_2_35(compute, demo_token):
    for name in ('c', 'a', 'b'):
        _post(compute, demo_token, '2.2', name=name, public_key=IMPORT)
    resp = compute.request('GET', '/v2.1/os-keypairs?limit=2', demo_token, version='2.35').json
    assert [k['keypair']['name'] for k in resp['keypairs']] == ['a', 'b']
    assert resp['keypairs_links'] == [{'rel': 'next', 'href':
                                       'http://127.0.0.1:8774/v2.1/os-keypairs?limit=2&marker=b'}]
    resp = compute.request('GET', '/v2.1/os-keypairs?limit=2&marker=b', demo_token,
                           version='2.35').json
    assert resp == {'keypairs': resp['keypairs']} and len(resp['keypairs']) == 1
    resp = compute.request('GET', '/v2.1/os-keypairs?limit=2', demo_token, version='2.34').json
    assert len(resp['keypairs']) == 3 and 'keypairs_links' not in resp
    resp = compute.request('GET', '/v2.1/os-keypairs?marker=zz', demo_token, version='2.35')
    assert resp.json == {'badRequest': {'code': 400, 'message': 'Marker zz could not be found.'}}
    resp = compute.request('GET', '/v2.1/os-keypairs?limit=-1', demo_token, version='2.35')
    assert resp.status_int == 400
    assert compute.request('GET', '/v2.1/os-keypairs?foo=1', demo_token, version='2.74').status_int == 200
    assert compute.request('GET', '/v2.1/os-keypairs?foo=1', demo_token, version='2.75').status_int == 400


def test_key_pair_quota(compute, admin_token, demo_token, deployment):
    assert _post(compute, demo_token, '2.2', name='one', public_key=IMPORT).status_int == 201
    with engine.transaction() as sess:
        kp = keypairs.get(sess, _demo_user(sess), 'one')
        assert (kp.name, kp.type, kp.fingerprint) == ('one', 'ssh', IMPORT_FINGERPRINT)
        quotas.set_class_limit(sess, 'default', 'key_pairs', 1)
    resp = _post(compute, demo_token, '2.2', name='two', public_key=IMPORT)
    assert resp.json == {'forbidden': {'code': 403,
                                       'message': 'Quota exceeded, too many key pairs.'}}
    # Over quota wins over a bad key, as in Nova.
    resp = _post(compute, demo_token, '2.2', name='two', public_key='junk')
    assert resp.status_int == 403


def _demo_user(sess):
    from novaapi.identity import models
    return sess.scalars(sa.select(models.User.id).where(models.User.name == 'demo')).one()


def test_python_api(deployment):
    with engine.transaction() as sess:
        user = _demo_user(sess)
        keypair, private = keypairs.create(sess, 'p1', user, 'api', public_key=IMPORT)
        assert private is None and keypair.fingerprint == IMPORT_FINGERPRINT
        assert keypairs.get(sess, user, 'api').public_key == IMPORT
        with pytest.raises(exception.KeypairNotFound) as err:
            keypairs.get(sess, 'someone-else', 'api')
        assert err.value.message == 'Keypair api not found for user someone-else'
        keypairs.delete(sess, user, 'api')
        with pytest.raises(exception.KeypairNotFound):
            keypairs.delete(sess, user, 'api')
