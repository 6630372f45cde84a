"""The block-storage endpoint over WSGI: discovery, auth, microversions, project in the URL."""


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
