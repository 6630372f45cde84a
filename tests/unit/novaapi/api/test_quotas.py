"""Quota sets and quota classes through the compute pipeline, against Nova's samples."""

import pytest
import sqlalchemy as sa

from novaapi.db import engine
from tests.conftest import sample
from tests.unit.novaapi.api.conftest import project_id

QS_FOLDERS = {'2.1': '', '2.35': '', '2.36': 'v2.36/', '2.56': 'v2.36/', '2.57': 'v2.57/',
              'latest': 'v2.57/'}
QC_FOLDERS = {'2.1': '', '2.49': '', '2.50': 'v2.50/', '2.56': 'v2.50/', '2.57': 'v2.57/',
              'latest': 'v2.57/'}


def _user(name):
    from novaapi.identity import models
    with engine.transaction() as sess:
        return sess.scalars(sa.select(models.User.id).where(models.User.name == name)).one()


def _values(body):
    return {k: v for k, v in body.items() if k != 'id'}


@pytest.mark.parametrize('version', sorted(QS_FOLDERS))
def test_quota_set_keys_and_values_match_samples(compute, admin_token, demo_project, version):
    folder = 'os-quota-sets/' + QS_FOLDERS[version]
    base = '/v2.1/os-quota-sets/%s' % demo_project
    for path, name in (('', 'quotas-show-get-resp.json'), ('/defaults', 'quotas-show-defaults-get-resp.json'),
                       ('/detail', 'quotas-show-detail-get-resp.json')):
        resp = compute.request('GET', base + path, admin_token, version=version)
        want = sample(folder + name)['quota_set']
        assert resp.status_int == 200
        assert resp.json['quota_set']['id'] == demo_project
        assert _values(resp.json['quota_set']) == _values(want)
    resp = compute.request('GET', base + '?user_id=%s' % _user('demo'), admin_token, version=version)
    want = sample(folder + 'user-quotas-show-get-resp.json')['quota_set']
    assert _values(resp.json['quota_set']) == _values(want)


@pytest.mark.parametrize('version', sorted(QS_FOLDERS))
def test_update_matches_samples(compute, admin_token, demo_project, version):
    folder = 'os-quota-sets/' + QS_FOLDERS[version]
    base = '/v2.1/os-quota-sets/%s' % demo_project
    for name in ('quotas-update-post', 'quotas-update-force-post'):
        compute.request('DELETE', base, admin_token)
        req = sample(folder + name + '-req.json')
        resp = compute.request('PUT', base, admin_token, body=req, version=version)
        assert resp.status_int == 200, resp.body
        assert resp.json == sample(folder + name + '-resp.json')
    user = _user('demo')
    compute.request('DELETE', base, admin_token)
    req = sample(folder + 'user-quotas-update-post-req.json')
    resp = compute.request('PUT', base + '?user_id=%s' % user, admin_token, body=req, version=version)
    assert resp.json == sample(folder + 'user-quotas-update-post-resp.json')
    # The user's override does not change the project's own limits.
    project = compute.request('GET', base, admin_token, version=version).json['quota_set']
    assert project['instances'] == 10


@pytest.mark.parametrize('version', sorted(QC_FOLDERS))
def test_quota_class_sets_match_samples(compute, admin_token, version):
    folder = 'os-quota-class-sets/' + QC_FOLDERS[version]
    resp = compute.request('GET', '/v2.1/os-quota-class-sets/default', admin_token, version=version)
    assert resp.json == sample(folder + 'quota-classes-show-get-resp.json')
    req = sample(folder + 'quota-classes-update-post-req.json')
    resp = compute.request('PUT', '/v2.1/os-quota-class-sets/test_class', admin_token, body=req,
                           version=version)
    assert resp.json == sample(folder + 'quota-classes-update-post-resp.json')


def test_default_class_changes_defaults_and_limits(compute, admin_token, demo_token, demo_project):
    body = {'quota_class_set': {'instances': '50', 'cores': 7}}
    resp = compute.request('PUT', '/v2.1/os-quota-class-sets/default', admin_token, body=body)
    assert resp.json['quota_class_set']['instances'] == 50
    defaults = compute.request('GET', '/v2.1/os-quota-sets/%s/defaults' % demo_project, demo_token).json
    assert (defaults['quota_set']['instances'], defaults['quota_set']['cores']) == (50, 7)
    limits = compute.request('GET', '/v2.1/limits', demo_token).json['limits']['absolute']
    assert (limits['maxTotalInstances'], limits['maxTotalCores']) == (50, 7)
    # Another class does not touch the defaults.
    compute.request('PUT', '/v2.1/os-quota-class-sets/gold', admin_token,
                    body={'quota_class_set': {'instances': 99}})
    assert compute.request('GET', '/v2.1/os-quota-class-sets/gold', admin_token).json[
        'quota_class_set']['instances'] == 99
    assert compute.request('GET', '/v2.1/limits', demo_token).json['limits']['absolute'][
        'maxTotalInstances'] == 50


def test_quota_class_policy_and_validation(compute, admin_token, demo_token):
    for method, body in (('GET', None), ('PUT', {'quota_class_set': {'instances': 1}})):
        resp = compute.request(method, '/v2.1/os-quota-class-sets/default', demo_token, body=body)
        assert resp.status_int == 403
    resp = compute.request('PUT', '/v2.1/os-quota-class-sets/' + 'c' * 256, admin_token,
                           body={'quota_class_set': {'instances': 1}})
    assert resp.json['badRequest']['message'] == 'quota_class_name has 256 characters, more than 255.'
    resp = compute.request('PUT', '/v2.1/os-quota-class-sets/default', admin_token,
                           body={'quota_class_set': {'floating_ips': 1}}, version='2.50')
    assert resp.status_int == 400
    resp = compute.request('PUT', '/v2.1/os-quota-class-sets/default', admin_token,
                           body={'quota_class_set': {'instances': -2}})
    assert resp.status_int == 400


def test_detail_shows_usage(compute, admin_token, demo_project, fake_instances):
    fake_instances[demo_project] = 2
    body = compute.request('GET', '/v2.1/os-quota-sets/%s/detail' % demo_project, admin_token,
                           version='2.57').json['quota_set']
    assert body['instances'] == {'in_use': 2, 'limit': 10, 'reserved': 0}
    assert body['cores'] == {'in_use': 4, 'limit': 20, 'reserved': 0}
    assert body['key_pairs'] == {'in_use': 0, 'limit': 100, 'reserved': 0}


def test_quota_set_policies(compute, admin_token, demo_token, demo_project):
    admin_project = project_id('admin')
    assert compute.request('GET', '/v2.1/os-quota-sets/%s' % demo_project, demo_token).status_int == 200
    assert compute.request('GET', '/v2.1/os-quota-sets/%s/detail' % demo_project,
                           demo_token).status_int == 200
    for path, rule in (('', 'show'), ('/detail', 'detail')):
        resp = compute.request('GET', '/v2.1/os-quota-sets/%s%s' % (admin_project, path), demo_token)
        assert resp.json == {'forbidden': {'code': 403, 'message':
                             "Policy doesn't allow os_compute_api:os-quota-sets:%s to be performed." % rule}}
    assert compute.request('GET', '/v2.1/os-quota-sets/%s/defaults' % admin_project,
                           demo_token).status_int == 200
    for method, rule, body in (('PUT', 'update', {'quota_set': {'instances': 50}}),
                               ('DELETE', 'delete', None)):
        resp = compute.request(method, '/v2.1/os-quota-sets/%s' % demo_project, demo_token, body=body)
        assert resp.json == {'forbidden': {'code': 403, 'message':
                             "Policy doesn't allow os_compute_api:os-quota-sets:%s to be performed." % rule}}


def test_unknown_project_is_a_bad_request(compute, admin_token):
    for path in ('', '/detail', '/defaults'):
        resp = compute.request('GET', '/v2.1/os-quota-sets/nosuch%s' % path, admin_token)
        assert resp.json == {'badRequest': {'code': 400,
                                            'message': 'Project ID nosuch is not a valid project.'}}


def test_update_validation(compute, admin_token, demo_project, fake_instances):
    base = '/v2.1/os-quota-sets/%s' % demo_project
    fake_instances[demo_project] = 4
    resp = compute.request('PUT', base, admin_token, body={'quota_set': {'instances': 3}})
    assert resp.json == {'badRequest': {'code': 400, 'message':
                         'Quota limit 3 for instances must be greater than or equal to already '
                         'used and reserved 4.'}}
    resp = compute.request('PUT', base, admin_token, body={'quota_set': {'instances': 3, 'force': True}})
    assert resp.json['quota_set']['instances'] == 3
    resp = compute.request('PUT', base, admin_token, body={'quota_set': {'instances': -1}})
    assert resp.json['quota_set']['instances'] == -1
    for bad in ({'instances': -2}, {'instances': 'ten'}, {'floating_ips': 1}, {'bogus': 1},
                {'instances': 2 ** 31}):
        resp = compute.request('PUT', base, admin_token, body={'quota_set': bad}, version='2.57')
        assert resp.status_int == 400, bad
        assert resp.json['badRequest']['message'].startswith('Invalid input for field/attribute')
    resp = compute.request('PUT', base, admin_token, body={'quota_set': {'floating_ips': 5}})
    assert resp.json['quota_set']['floating_ips'] == 5


def test_user_quota_ranges(compute, admin_token, demo_project, fake_instances):
    base = '/v2.1/os-quota-sets/%s' % demo_project
    user = _user('demo')
    compute.request('PUT', base, admin_token, body={'quota_set': {'instances': 10}})
    resp = compute.request('PUT', base + '?user_id=%s' % user, admin_token,
                           body={'quota_set': {'instances': 11}})
    assert resp.json['badRequest']['message'] == \
        'Quota limit 11 for instances must be less than or equal to 10.'
    resp = compute.request('PUT', base + '?user_id=%s' % user, admin_token,
                           body={'quota_set': {'instances': 6}})
    assert resp.json['quota_set']['instances'] == 6
    # The project may not go below what its users were given.
    resp = compute.request('PUT', base, admin_token, body={'quota_set': {'instances': 5}})
    assert resp.json['badRequest']['message'] == \
        'Quota limit 5 for instances must be greater than or equal to already used and reserved 6.'
    fake_instances[user] = 3
    resp = compute.request('PUT', base + '?user_id=%s' % user, admin_token,
                           body={'quota_set': {'instances': 2}})
    assert resp.json['badRequest']['message'] == \
        'Quota limit 2 for instances must be greater than or equal to already used and reserved 3.'
    shown = compute.request('GET', base + '/detail?user_id=%s' % user, admin_token).json
    assert shown['quota_set']['instances'] == {'in_use': 3, 'limit': 6, 'reserved': 0}
    # DELETE with user_id drops only that user's overrides; without, everything.
    assert compute.request('DELETE', base + '?user_id=%s' % user, admin_token).status_int == 202
    assert compute.request('GET', base + '?user_id=%s' % user, admin_token).json[
        'quota_set']['instances'] == 10
    resp = compute.request('DELETE', base, admin_token)
    assert resp.status_int == 202 and resp.body == b''
