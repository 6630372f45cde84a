"""The block-storage endpoint over WSGI: discovery, auth, microversions, project in the URL."""

import sqlalchemy as sa

from novaapi.db import engine
from novaapi.identity import assignments
from novaapi.identity import models as identity_models
from novaapi.identity import tokens


def test_root_lists_v3_without_a_token(demo):
    resp = demo.get('/')
    assert resp.status_int == 300
    (version,) = resp.data['versions']
    assert (version['id'], version['status'], version['min_version'], version['version']) == (
        'v3.0', 'CURRENT', '3.0', '3.71')
    assert version['links'][1] == {'rel': 'self', 'href': 'http://localhost/v3/'}
    resp = demo.get('/v3/')
    assert resp.status_int == 200 and resp.data['versions'] == [version]


def test_missing_token_is_keystones_401(demo):
    resp = demo.get('/volumes')
    assert resp.status_int == 401 and resp.data['error']['code'] == 401


def test_microversion_headers_and_refusals(demo, demo_token):
    resp = demo.get('/volumes', token=demo_token)
    assert resp.status_int == 200
    assert resp.headers['OpenStack-API-Version'] == 'volume 3.0'
    assert resp.headers['Vary'] == 'OpenStack-API-Version'
    resp = demo.get('/volumes', token=demo_token, version='latest')
    assert resp.headers['OpenStack-API-Version'] == 'volume 3.71'
    resp = demo.get('/volumes', token=demo_token, version='3.72')
    assert resp.status_int == 406
    assert resp.data == {'computeFault': {
        'message': 'Version 3.72 is not supported by the API. Minimum is 3.0 and maximum is '
                   '3.71.', 'code': 406}}
    resp = demo.get('/volumes', token=demo_token, version='3.x')
    assert resp.status_int == 400 and 'invalid format' in resp.data['badRequest']['message']
    resp = demo.get('/volumes', token=demo_token,
                    headers={'OpenStack-Volume-microversion': '3.44'})
    assert resp.headers['OpenStack-API-Version'] == 'volume 3.44'


def test_another_projects_url_is_malformed(demo, demo_token, ids):
    resp = demo.get('/v3/%s/volumes' % ids['admin_project_id'], token=demo_token)
    assert resp.status_int == 400
    assert resp.data == {'badRequest': {'message': 'Malformed request url', 'code': 400}}


def test_unknown_paths_and_methods(demo, demo_token):
    resp = demo.get('/backups', token=demo_token)
    assert resp.status_int == 404 and resp.data['itemNotFound']['code'] == 404
    resp = demo.request('PATCH', '/volumes', token=demo_token)
    assert resp.status_int == 405 and resp.data['badMethod']['code'] == 405
    resp = demo.post('/volumes', None, token=demo_token, raw=b'{nope')
    assert resp.status_int == 400 and resp.data['badRequest']['code'] == 400


def test_availability_zones_and_limits(demo, demo_token):
    resp = demo.get('/os-availability-zone', token=demo_token)
    assert resp.data == {'availabilityZoneInfo': [{'zoneName': 'nova',
                                                   'zoneState': {'available': True}}]}
    absolute = demo.get('/limits', token=demo_token).data['limits']['absolute']
    assert (absolute['maxTotalVolumes'], absolute['maxTotalVolumeGigabytes'],
            absolute['maxTotalSnapshots'], absolute['totalVolumesUsed']) == (10, 1000, 10, 0)


def _scoped_tokens(ids):
    """A system admin (bootstrap's), a system reader and a domain admin and reader."""
    with engine.transaction() as sess:
        role = {r.name: r.id for r in sess.scalars(sa.select(identity_models.Role))}
    demo, admin = ('User', ids['demo_user_id']), ('User', ids['admin_user_id'])
    domain = ('Domain', ids['domain_id'])
    assignments.create_grant(('System', 'all'), demo, role['reader'])
    assignments.create_grant(domain, admin, role['admin'])
    assignments.create_grant(domain, demo, role['reader'])

    def issue(user, **scope):
        with engine.transaction() as sess:
            return tokens.issue(sess, user[1], None, ['password'], **scope)[0]
    return {'system admin': issue(admin, system='all'), 'system reader': issue(demo, system='all'),
            'domain admin': issue(admin, domain_id=ids['domain_id']),
            'domain reader': issue(demo, domain_id=ids['domain_id'])}


def test_system_and_domain_scoped_tokens_as_cinders_defaults_say(demo, demo_token, ids):
    """No project: the project's URLs are malformed, the bare ones answer by role alone."""
    volume = demo.post('/volumes', {'volume': {'size': 1}}, token=demo_token).data['volume']
    pid = ids['demo_project_id']
    for name, token in _scoped_tokens(ids).items():
        admin = name.endswith('admin')
        resp = demo.get('/volumes', token=token)
        assert resp.status_int == 400, name
        assert resp.data == {'badRequest': {'message': 'Malformed request url', 'code': 400}}
        assert demo.get('/v3/volumes', token=token).data == {'volumes': []}
        listed = demo.get('/v3/volumes?all_tenants=1', token=token).data['volumes']
        assert [v['id'] for v in listed] == ([volume['id']] if admin else [])
        resp = demo.get('/v3/volumes/' + volume['id'], token=token)
        assert resp.status_int == (200 if admin else 404), name
        resp = demo.get('/v3/os-quota-sets/' + pid, token=token)
        assert resp.status_int == (200 if admin else 403), name
        if not admin:
            assert resp.data == {'forbidden': {
                'message': "Policy doesn't allow volume_extension:quotas:show to be performed.",
                'code': 403}}
        resp = demo.post('/v3/types', {'volume_type': {'name': name}}, token=token)
        assert resp.status_int == (200 if admin else 403), name
        assert demo.get('/v3/types', token=token).status_int == 200
        assert demo.get('/v3/limits', token=token).status_int == 200
        resp = demo.post('/v3/volumes', {'volume': {'size': 1}}, token=token)
        assert resp.status_int == (400 if admin else 403), name
        if admin:  # Cinder would make a volume of no project; here a volume needs one
            assert 'system- or domain-scoped token' in resp.data['badRequest']['message']


def test_a_projects_token_may_leave_its_project_out_of_the_url(demo, demo_token):
    volume = demo.post('/v3/volumes', {'volume': {'size': 1}}, token=demo_token).data['volume']
    assert demo.get('/v3/volumes/' + volume['id'], token=demo_token).status_int == 200
    resp = demo.get('/v3/volumes?limit=1', token=demo_token)
    (link,) = resp.data['volumes_links']
    assert link['href'].startswith('http://localhost/v3/volumes?')  # as the URL asked
    resp = demo.get('/volumes?limit=1', token=demo_token)
    assert resp.data['volumes_links'][0]['href'].startswith(
        'http://localhost/v3/%s/volumes?' % demo.project_id)
