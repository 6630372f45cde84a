"""The image and network endpoints of a real nova-api, through keystoneauth1 and the catalog."""

import concurrent.futures

import pytest
import requests

pytestmark = pytest.mark.functional

IMAGE = {'service_type': 'image'}
NETWORK = {'service_type': 'network'}


def test_cirros_through_the_catalog_for_admin_and_demo(api):
    for openrc in (api.admin_openrc, api.demo_openrc):
        sess = api.session(openrc)
        images = sess.get('/v2/images', endpoint_filter=IMAGE).json()['images']
        (image_id,) = [i['id'] for i in images if i['name'] == 'cirros']
        shown = sess.get('/v2/images/%s' % image_id, endpoint_filter=IMAGE).json()
        assert (shown['status'], shown['disk_format'], shown['size']) == ('active', 'qcow2', 1024 * 1024)
        found = sess.get('/v2/images?name=cirros', endpoint_filter=IMAGE).json()['images']
        assert [i['id'] for i in found] == [image_id]


def test_no_token_is_401_on_both_endpoints(api):
    for url in (api.image_url + '/v2/images', api.network_url + '/v2.0/networks'):
        resp = requests.get(url, timeout=30)
        assert resp.status_code == 401
        assert resp.json()['error']['code'] == 401
        assert resp.headers['WWW-Authenticate'].startswith('Keystone uri=')
    assert requests.get(api.image_url + '/', timeout=30).status_code == 300
    assert requests.get(api.network_url + '/', timeout=30).status_code == 200


def test_private_image_is_hidden_from_another_project(api):
    admin, demo = api.session(api.admin_openrc), api.session(api.demo_openrc)
    created = admin.post('/v2/images', endpoint_filter=IMAGE,
                         json={'name': 'admin-private', 'visibility': 'private',
                               'disk_format': 'raw', 'container_format': 'bare'})
    assert created.status_code == 201
    image_id = created.json()['id']
    try:
        resp = demo.get('/v2/images/%s' % image_id, endpoint_filter=IMAGE, raise_exc=False)
        assert resp.status_code == 404
        names = [i['name'] for i in demo.get('/v2/images', endpoint_filter=IMAGE).json()['images']]
        assert 'admin-private' not in names
        page = admin.get('/v2/images?limit=1', endpoint_filter=IMAGE).json()
        assert len(page['images']) == 1 and page['next'].startswith('/v2/images?limit=1&marker=')
    finally:
        admin.delete('/v2/images/%s' % image_id, endpoint_filter=IMAGE)


def test_ports_create_list_delete(api):
    demo = api.session(api.demo_openrc)
    (network,) = demo.get('/v2.0/networks?name=private', endpoint_filter=NETWORK).json()['networks']
    assert network['shared'] is True
    port = demo.post('/v2.0/ports', endpoint_filter=NETWORK,
                     json={'port': {'network_id': network['id'], 'device_id': 'func-dev'}}
                     ).json()['port']
    listed = demo.get('/v2.0/ports?device_id=func-dev', endpoint_filter=NETWORK).json()['ports']
    assert [p['id'] for p in listed] == [port['id']]
    assert demo.delete('/v2.0/ports/%s' % port['id'], endpoint_filter=NETWORK).status_code == 204
    resp = demo.get('/v2.0/ports/%s' % port['id'], endpoint_filter=NETWORK, raise_exc=False)
    assert resp.status_code == 404
    assert resp.json()['NeutronError']['type'] == 'PortNotFound'


def test_concurrent_port_creation_across_workers_gets_unique_addresses(api):
    demo = api.session(api.demo_openrc)
    (network,) = demo.get('/v2.0/networks?name=private', endpoint_filter=NETWORK).json()['networks']
    token = demo.get_token()

    def create(n):
        resp = requests.post(api.network_url + '/v2.0/ports', timeout=60,
                             headers={'X-Auth-Token': token},
                             json={'port': {'network_id': network['id'],
                                            'device_id': 'race-%d' % n}})
        assert resp.status_code == 201, resp.text
        return resp.json()['port']

    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        ports = list(pool.map(create, range(20)))
    try:
        addresses = [p['fixed_ips'][0]['ip_address'] for p in ports]
        assert len(set(addresses)) == 20
        assert len({p['mac_address'] for p in ports}) == 20
    finally:
        for port in ports:
            demo.delete('/v2.0/ports/%s' % port['id'], endpoint_filter=NETWORK)
