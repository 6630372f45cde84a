"""Image data through a real nova-api: unmodified openstackclient uploads, tags and saves an
image (its checksum checked by openstacksdk), and a server snapshot can be downloaded."""

import hashlib
import os
import time
import uuid

import pytest

from tests.functional.test_real_clients import run

pytestmark = pytest.mark.functional

IMAGE = {'service_type': 'image'}


def test_openstackclient_image_create_file_set_and_save(api, openstackclient_venv, tmp_path):
    env = api.env(api.demo_openrc)
    source = tmp_path / 'disk.img'
    data = os.urandom(3 * 1024 * 1024 + 17)
    source.write_bytes(data)
    name = 'osc-%s' % uuid.uuid4().hex[:8]
    created = run(openstackclient_venv, 'openstack',
                  ['image', 'create', '--file', str(source), '--disk-format', 'raw', '--private',
                   name, '-f', 'value', '-c', 'id', '-c', 'status', '-c', 'checksum'], env).stdout
    checksum, image_id, status = created.split()
    assert (status, checksum) == ('active', hashlib.md5(data).hexdigest())
    run(openstackclient_venv, 'openstack',
        ['image', 'set', '--property', 'hw_disk_bus=scsi', '--tag', 'golden', name], env)
    shown = api.session(api.demo_openrc).get('/v2/images/%s' % image_id,
                                             endpoint_filter=IMAGE).json()
    assert shown['hw_disk_bus'] == 'scsi' and shown['tags'] == ['golden']
    assert shown['os_hash_value'] == hashlib.sha512(data).hexdigest()
    saved = tmp_path / 'saved.img'
    run(openstackclient_venv, 'openstack', ['image', 'save', '--file', str(saved), name], env)
    assert saved.read_bytes() == data
    run(openstackclient_venv, 'openstack', ['image', 'delete', name], env)
    gone = api.session(api.demo_openrc).get('/v2/images/%s' % image_id, endpoint_filter=IMAGE,
                                            raise_exc=False)
    assert gone.status_code == 404


def _wait(fetch, done, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fetch()
        if done(value):
            return value
        time.sleep(0.2)
    raise AssertionError('timed out; last value: %r' % (value,))


def test_server_snapshot_has_data_to_download(api):
    sess = api.session(api.demo_openrc)
    token = sess.get_token()
    cirros = sess.get('/v2/images?name=cirros', endpoint_filter=IMAGE).json()['images'][0]['id']
    server = api.compute('POST', '/servers', token=token, version='2.96', json={'server': {
        'name': 'snap-src', 'imageRef': cirros, 'flavorRef': '1', 'networks': 'none'}}).json()
    server_id = server['server']['id']
    _wait(lambda: api.compute('GET', '/servers/%s' % server_id, token=token).json()['server'],
          lambda s: s['status'] == 'ACTIVE')
    resp = api.compute('POST', '/servers/%s/action' % server_id, token=token, version='2.96',
                       json={'createImage': {'name': 'snap-with-data'}})
    assert resp.status_code == 202, resp.text
    image_id = resp.json()['image_id']
    image = _wait(lambda: sess.get('/v2/images/%s' % image_id, endpoint_filter=IMAGE).json(),
                  lambda i: i['status'] == 'active')
    body = sess.get('/v2/images/%s/file' % image_id, endpoint_filter=IMAGE).content
    assert len(body) == image['size'] > 0
    assert hashlib.md5(body).hexdigest() == image['checksum']
    assert image['instance_uuid'] == server_id
    api.compute('DELETE', '/servers/%s' % server_id, token=token)
    sess.delete('/v2/images/%s' % image_id, endpoint_filter=IMAGE)
