"""/os-aggregates: CRUD, hosts and metadata; the availability_zone metadata moves hosts between zones."""

from tests.conftest import sample


def _create(op, name='agg1', zone='london', version='2.1'):
    return op.ok('POST', '/os-aggregates', {'aggregate': {'name': name, 'availability_zone': zone}},
                 version=version)['aggregate']


def _zones(op):
    info = op.ok('GET', '/os-availability-zone/detail')['availabilityZoneInfo']
    return {z['zoneName']: sorted(z['hosts']) for z in info if z['zoneName'] != 'internal'}


def test_keys_follow_the_samples(op):
    for version, folder in (('2.1', 'os-aggregates/'), ('2.41', 'os-aggregates/v2.41/')):
        created = _create(op, 'agg-' + version, version=version)
        assert set(created) == set(sample(folder + 'aggregate-post-resp.json')['aggregate'])
        shown = op.ok('GET', '/os-aggregates/%s' % created['id'], version=version)['aggregate']
        assert set(shown) == set(sample(folder + 'aggregates-get-resp.json')['aggregate'])
        listed = op.ok('GET', '/os-aggregates', version=version)['aggregates']
        assert set(listed[-1]) == set(sample(folder + 'aggregates-list-get-resp.json')['aggregates'][0])
    assert shown['metadata'] == {'availability_zone': 'london'} and shown['deleted'] is False


def test_add_host_moves_it_to_the_zone_and_scheduler_follows(op):
    agg = _create(op)
    got = op.ok('POST', '/os-aggregates/%s/action' % agg['id'], {'add_host': {'host': 'compute2'}})
    assert got['aggregate']['hosts'] == ['compute2']
    assert _zones(op) == {'london': ['compute2'], 'nova': ['compute1']}
    server = op.boot(availability_zone='london')
    shown = op.ok('GET', '/servers/' + server)['server']
    assert (shown['OS-EXT-SRV-ATTR:host'], shown['OS-EXT-AZ:availability_zone']) == ('compute2', 'london')
    resp = op.call('POST', '/os-aggregates/%s/action' % agg['id'], {'remove_host': {'host': 'compute2'}})
    assert resp.status_int == 409
    assert "availability zone of the host would change from 'london' to 'None'" in (
        resp.data['conflictingRequest']['message'])
    resp = op.call('PUT', '/os-aggregates/%s' % agg['id'], {'aggregate': {'availability_zone': 'paris'}})
    assert resp.data['badRequest']['message'] == (
        'Cannot update aggregate %s. Reason: One or more hosts contain instances in this zone.' % agg['id'])


def test_metadata_update_delete(op):
    agg = _create(op)
    path = '/os-aggregates/%s' % agg['id']
    got = op.ok('POST', path + '/action', {'set_metadata': {'metadata': {'key': 'value'}}})['aggregate']
    assert got['metadata'] == {'availability_zone': 'london', 'key': 'value'} and got['updated_at']
    got = op.ok('POST', path + '/action', {'set_metadata': {'metadata': {'key': None}}})['aggregate']
    assert got['metadata'] == {'availability_zone': 'london'}
    got = op.ok('PUT', path, {'aggregate': {'name': 'newname', 'availability_zone': 'nova2'}})['aggregate']
    assert (got['name'], got['availability_zone'], got['metadata']) == ('newname', 'nova2',
                                                                       {'availability_zone': 'nova2'})
    op.ok('POST', path + '/action', {'add_host': {'host': 'compute1'}})
    assert _zones(op) == {'nova2': ['compute1'], 'nova': ['compute2']}
    resp = op.call('DELETE', path)
    assert resp.data['badRequest']['message'] == (
        'Cannot remove host from aggregate %s. Reason: Host aggregate is not empty.' % agg['id'])
    op.ok('POST', path + '/action', {'remove_host': {'host': 'compute1'}})
    assert _zones(op) == {'nova': ['compute1', 'compute2']}
    assert op.call('DELETE', path).status_int == 200
    assert op.call('GET', path).data['itemNotFound']['message'] == (
        'Aggregate %s could not be found.' % agg['id'])


def test_errors(op):
    agg = _create(op)
    path = '/os-aggregates/%s' % agg['id']
    resp = op.call('POST', '/os-aggregates', {'aggregate': {'name': 'agg1'}})
    assert (resp.status_int, resp.data['conflictingRequest']['message']) == (409, 'Aggregate agg1 already exists.')
    assert op.call('POST', '/os-aggregates', {'aggregate': {}}).status_int == 400
    assert op.call('GET', '/os-aggregates/abc').data['badRequest']['message'] == (
        'Invalid input received: id must be an integer')
    resp = op.call('POST', path + '/action', {'add_host': {'host': 'nowhere'}})
    assert resp.data['itemNotFound']['message'] == 'Compute host nowhere could not be found.'
    op.ok('POST', path + '/action', {'add_host': {'host': 'compute1'}})
    resp = op.call('POST', path + '/action', {'add_host': {'host': 'compute1'}})
    assert resp.data['conflictingRequest']['message'] == 'Aggregate %s already has host compute1.' % agg['id']
    resp = op.call('POST', path + '/action', {'remove_host': {'host': 'compute2'}})
    assert resp.data['itemNotFound']['message'] == 'Cannot remove host compute2 in aggregate %s' % agg['id']
    other = _create(op, 'agg2', 'paris')
    resp = op.call('POST', '/os-aggregates/%s/action' % other['id'], {'add_host': {'host': 'compute1'}})
    assert resp.data['conflictingRequest']['message'] == (
        "Cannot add host to aggregate %s. Reason: One or more hosts already in availability zone(s) "
        "['london']." % other['id'])
    assert op.call('GET', '/os-aggregates', demo=True).status_int == 403


def test_cache_images(op):
    agg = _create(op)
    body = {'cache': [{'id': '70a599e0-31e7-49b7-b260-868f441e862b'}]}
    path = '/os-aggregates/%s/images' % agg['id']
    assert op.call('POST', path, body, version='2.80').status_int == 404
    resp = op.call('POST', path, body, version='2.81')
    assert (resp.status_int, resp.body) == (202, b'')
    resp = op.call('POST', path, {'cache': body['cache'] * 2}, version='2.81')
    assert resp.data['badRequest']['message'] == 'Duplicate images in request'
    assert op.call('POST', '/os-aggregates/99/images', body, version='2.81').status_int == 404


def test_names_take_novas_formats(op):
    """Nova's 'name' formats: printable Basic Multilingual Plane text, no white space at the
    ends of a created name (an update's may have it), no ':' in a zone."""
    rule = "An invalid 'name' value was provided. The name must be: "
    for name in ('emoji-\U0001F600', ' lead', 'trail ', 'tab\tinside', 'nbsp\u00a0'):
        resp = op.call('POST', '/os-aggregates', {'aggregate': {'name': name}})
        assert resp.data['badRequest']['message'] == rule + (
            'printable characters. Can not start or end with whitespace.'), name
    # one final newline passes Nova's check (its '$'); then the name is stripped, as Nova does
    created = _create(op, name='ok\u00e9 name\n', zone=None)
    assert created['name'] == 'ok\u00e9 name'
    renamed = op.ok('PUT', '/os-aggregates/%s' % created['id'], {'aggregate': {'name': ' spaced '}})
    assert renamed['aggregate']['name'] == 'spaced'
    resp = op.call('PUT', '/os-aggregates/%s' % created['id'], {'aggregate': {'name': '   '}})
    assert resp.data['badRequest']['message'] == rule + (
        'printable characters with at least one non space character')
    resp = op.call('POST', '/os-aggregates', {'aggregate': {'name': 'z', 'availability_zone': 'a:b'}})
    assert resp.status_int == 400 and 'availability_zone' in resp.data['badRequest']['message']
