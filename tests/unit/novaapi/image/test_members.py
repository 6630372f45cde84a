"""Members of shared images and what each project then sees: Glance's rules, codes and words."""

import pytest

from novaapi import conf
from novaapi.db import engine
from novaapi.identity import bootstrap
from novaapi.identity import models as identity_models
from novaapi.image import app
from tests.unit.novaapi.image.conftest import Client
from tests.unit.novaapi.image.conftest import issue

JSON = {'Accept': 'application/json'}


@pytest.fixture
def client(ids):
    return Client(app.build())


@pytest.fixture
def alt(ids):
    """``(project_id, token)`` of a third project, the demo user a member of it."""
    with engine.transaction() as sess:
        project = identity_models.Project(name='alt', domain_id=bootstrap.DEFAULT_DOMAIN_ID,
                                          description='', enabled=True)
        sess.add(project)
        sess.flush()
        role = sess.query(identity_models.Role).filter_by(name='member').one()
        sess.add(identity_models.RoleAssignment(type='UserProject', actor_id=ids['demo_user_id'],
                                                target_id=project.id, role_id=role.id))
        project_id = project.id
    return project_id, issue(ids['demo_user_id'], project_id)


def _image(client, token, **values):
    body = dict({'name': 'shared-one', 'disk_format': 'raw', 'container_format': 'bare'}, **values)
    resp = client.post('/v2/images', body, token=token)
    assert resp.status_int == 201, resp.body
    return resp.data['id']


def _names(client, token, query=''):
    resp = client.get('/v2/images' + query, token=token, headers=JSON)
    assert resp.status_int == 200, resp.body
    return sorted(i['name'] for i in resp.data['images'])


def test_share_accept_and_listing_rules(client, ids, demo_token, admin_token, alt):
    alt_id, alt_token = alt
    image_id = _image(client, demo_token)
    members = '/v2/images/%s/members' % image_id
    # Not shared yet: the other project does not reach it.
    assert client.get('/v2/images/' + image_id, token=alt_token).status_int == 404
    created = client.post(members, {'member': alt_id}, token=demo_token)
    assert created.status_int == 200
    assert set(created.data) == {'created_at', 'image_id', 'member_id', 'schema', 'status',
                                 'updated_at'}
    assert (created.data['member_id'], created.data['status']) == (alt_id, 'pending')
    assert client.post(members, {'member': alt_id}, token=demo_token).status_int == 409
    # Pending: shown and listed with member_status, not in the default list.
    assert client.get('/v2/images/' + image_id, token=alt_token).status_int == 200
    assert 'shared-one' not in _names(client, alt_token)
    assert _names(client, alt_token, '?member_status=pending') == ['cirros', 'shared-one']
    assert _names(client, alt_token, '?visibility=shared&member_status=all') == ['shared-one']
    # The member answers; the owner may not answer for it.
    url = '%s/%s' % (members, alt_id)
    refused = client.put(url, {'status': 'accepted'}, token=demo_token, headers=JSON)
    assert refused.status_int == 403
    assert 'modify_member' in refused.data['message']
    assert client.put(url, {'status': 'maybe'}, token=alt_token).status_int == 400
    assert client.put(url, {}, token=alt_token).status_int == 400
    accepted = client.put(url, {'status': 'accepted'}, token=alt_token)
    assert (accepted.status_int, accepted.data['status']) == (200, 'accepted')
    assert 'shared-one' in _names(client, alt_token)
    assert _names(client, alt_token, '?visibility=shared') == ['shared-one']
    # The member sees its own membership only and cannot add or remove members.
    assert [m['member_id'] for m in client.get(members, token=alt_token).data['members']] == [
        alt_id]
    assert client.post(members, {'member': 'x' * 32}, token=alt_token).status_int == 403
    assert client.delete(url, token=alt_token).status_int == 403
    assert client.get(url, token=alt_token).data['status'] == 'accepted'
    # The owner lists, adds and removes; the other project loses the image.
    assert client.post(members, {'member': 'y' * 32}, token=demo_token).status_int == 200
    assert len(client.get(members, token=demo_token).data['members']) == 2
    assert client.get('%s/%s' % (members, 'y' * 32), token=alt_token).status_int == 404
    assert client.delete(url, token=demo_token).status_int == 204
    assert client.get(url, token=demo_token).status_int == 404
    assert client.get('/v2/images/' + image_id, token=alt_token).status_int == 404
    assert 'shared-one' not in _names(client, alt_token, '?member_status=all')
    # Deleting the image removes its members.
    assert client.delete('/v2/images/' + image_id, token=demo_token).status_int == 204
    assert client.get(members, token=admin_token).status_int == 404


def test_only_shared_images_have_members(client, demo_token):
    image_id = _image(client, demo_token, visibility='private')
    members = '/v2/images/%s/members' % image_id
    resp = client.post(members, {'member': 'p'}, token=demo_token, headers=JSON)
    assert resp.status_int == 403
    assert resp.data['message'].startswith('Not allowed to create members for image %s.'
                                           % image_id)
    resp = client.get(members, token=demo_token, headers=JSON)
    assert resp.status_int == 403 and 'Only shared images have members.' in resp.data['message']
    assert client.get(members + '/p', token=demo_token).status_int == 404
    assert client.get('/v2/images/%s/members' % ('0' * 8 + '-0000-0000-0000-' + '0' * 12),
                      token=demo_token).status_int == 404


@pytest.mark.parametrize('body, message', [
    ({}, 'Member to be added not specified'),
    ({'member': ''}, "Member can't be empty"),
    ({'member': ['p']}, 'Expected a member in the form'),
])
def test_bad_member_bodies(client, demo_token, body, message):
    image_id = _image(client, demo_token)
    resp = client.post('/v2/images/%s/members' % image_id, body, token=demo_token, headers=JSON)
    assert resp.status_int == 400 and message in resp.data['message']


def test_member_quota(client, demo_token):
    conf.CONF.set('image', 'image_member_quota', 2)
    image_id = _image(client, demo_token)
    url = '/v2/images/%s/members' % image_id
    for member in ('a', 'b'):
        assert client.post(url, {'member': member}, token=demo_token).status_int == 200
    assert client.post(url, {'member': 'c'}, token=demo_token).status_int == 413


def test_community_images_listed_when_asked(client, demo_token, admin_token, alt):
    _image(client, demo_token, name='comm', visibility='community')
    _alt_id, alt_token = alt
    assert 'comm' in _names(client, demo_token)  # its owner lists it
    assert 'comm' not in _names(client, alt_token)
    assert _names(client, alt_token, '?visibility=community') == ['comm']
    assert 'comm' in _names(client, alt_token, '?visibility=all')
    assert 'comm' not in _names(client, admin_token)
    comm = [i for i in client.get('/v2/images?visibility=community', token=alt_token).data[
        'images']][0]
    assert client.get('/v2/images/' + comm['id'], token=alt_token).status_int == 200
    assert client.get('/v2/images?member_status=bogus', token=alt_token).status_int == 400


def test_schemas(client, demo_token):
    member = client.get('/v2/schemas/member', token=demo_token).data
    assert member['name'] == 'member'
    assert member['properties']['status']['enum'] == ['pending', 'accepted', 'rejected']
    members = client.get('/v2/schemas/members', token=demo_token).data
    assert members['properties']['members']['items'] == member
