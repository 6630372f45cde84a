"""Fake Keystone and Nova responses, one module per resource.

Each module has ``register(m)`` adding URL handlers to a requests_mock
Mocker/fixture. Nothing here imports novaclient, so the same data can
drive python-novaclient for output comparisons.
"""

import importlib

AUTH_URL = 'http://keystone/v3'
COMPUTE_URL = 'http://nova/v2.1'
IMAGE_URL = 'http://glance'
NETWORK_URL = 'http://neutron'
TOKEN_ID = 'tok-0123456789abcdef'
PROJECT_ID = 'b4f0a9c1d2e34f5a8b6c7d8e9f0a1b2c'
USER_ID = 'u-1'
REQUEST_ID = 'req-11111111-2222-3333-4444-555555555555'
HEADERS = {'x-openstack-request-id': REQUEST_ID,
           'x-compute-request-id': REQUEST_ID}

RESOURCES = ('flavors', 'keypairs', 'limits', 'quotas', 'availability_zones',
             'versions', 'servers', 'server_groups', 'migrations', 'operator')


def url(path):
    return COMPUTE_URL + path


def not_found(m, pattern, message='The resource could not be found.'):
    """404 ``itemNotFound`` for any GET matching ``pattern`` (a regex on the
    compute path); register it before the specific URLs, which win."""
    import re
    m.get(re.compile(re.escape(COMPUTE_URL) + pattern + r'(\?.*)?$'),
          status_code=404, headers=HEADERS,
          json={'itemNotFound': {'code': 404, 'message': message}})


def _endpoint(service_type, endpoint_url):
    return {'type': service_type, 'name': service_type, 'id': service_type,
            'endpoints': [{'interface': iface, 'region': 'RegionOne',
                           'region_id': 'RegionOne', 'url': endpoint_url,
                           'id': '%s-%s' % (service_type, iface)}
                          for iface in ('public', 'internal', 'admin')]}


def token_body():
    return {'token': {
        'methods': ['password'], 'expires_at': '2099-01-01T00:00:00Z',
        'issued_at': '2026-11-22T00:00:00Z',
        'user': {'id': USER_ID, 'name': 'demo',
                 'domain': {'id': 'default', 'name': 'Default'}},
        'project': {'id': PROJECT_ID, 'name': 'demo',
                    'domain': {'id': 'default', 'name': 'Default'}},
        'roles': [{'id': 'r1', 'name': 'admin'}],
        'catalog': [_endpoint('compute', COMPUTE_URL),
                    _endpoint('image', IMAGE_URL),
                    _endpoint('network', NETWORK_URL)]}}


def version_doc(max_version='2.104', min_version='2.1'):
    return {'version': {
        'id': 'v2.1', 'status': 'CURRENT', 'version': max_version,
        'min_version': min_version, 'updated': '2013-07-23T11:33:21Z',
        'links': [{'rel': 'self', 'href': COMPUTE_URL + '/'}]}}


def register_identity(m, max_version='2.104'):
    m.post(AUTH_URL + '/auth/tokens', json=token_body(), status_code=201,
           headers={'X-Subject-Token': TOKEN_ID})
    m.get(COMPUTE_URL, json=version_doc(max_version), headers=HEADERS)


def register_all(m, max_version='2.104'):
    register_identity(m, max_version)
    for name in RESOURCES:
        importlib.import_module(__name__ + '.' + name).register(m)
