"""Image sharing, protection and listing through a real nova-api, driven by unmodified clients:
openstackclient shares an image with another project which accepts it, lists shared and
community images, and cannot delete a protected one; openstacksdk uploads and downloads with
its checksum check; Ansible's openstack.cloud.image creates an image from a file, idempotently.
"""

import hashlib
import json
import os
import uuid

import pytest

from tests.functional import conftest as fconftest
from tests.functional import server as server_mod

pytestmark = pytest.mark.functional


@pytest.fixture(scope='module')
def api(tmp_path_factory):
    srv = server_mod.start_api(tmp_path_factory.mktemp('image-sharing-api'), workers=2)
    yield srv
    srv.stop()


@pytest.fixture(scope='module')
def osc():
    return fconftest.real_venv('openstackclient')


@pytest.fixture(scope='module')
def ansible_venv():
    # NOTE: the Ansible venv carries openstacksdk 4.14.0, so it also serves the SDK test.
    return fconftest.real_venv('ansible')


run = fconftest.run
openstack = fconftest.openstack


def _json(venv, args, env):
    return json.loads(openstack(venv, args + ['-f', 'json'], env).stdout)


IMAGE = {'service_type': 'image'}
IDENTITY = {'service_type': 'identity'}


@pytest.fixture(scope='module')
def other(api):
    """``(project_id, env)`` of a second project whose member is a new user (made over REST)."""
    admin = api.session()
    suffix = uuid.uuid4().hex[:6]
    project = admin.post('/projects', json={'project': {'name': 'share-' + suffix}},
                         endpoint_filter=IDENTITY).json()['project']
    user = admin.post('/users', json={'user': {'name': 'u-' + suffix, 'password': 'pw-' + suffix}},
                      endpoint_filter=IDENTITY).json()['user']
    role = admin.get('/roles?name=member', endpoint_filter=IDENTITY).json()['roles'][0]
    admin.put('/projects/%s/users/%s/roles/%s' % (project['id'], user['id'], role['id']),
              endpoint_filter=IDENTITY)
    env = api.env(api.demo_openrc)
    env.update(OS_USERNAME='u-' + suffix, OS_PASSWORD='pw-' + suffix,
               OS_PROJECT_NAME='share-' + suffix)
    return project['id'], env


def _names(osc, args, env):
    return sorted(i['Name'] for i in _json(osc, ['image', 'list'] + args, env))


def test_openstackclient_shares_lists_and_protects(api, osc, other, tmp_path):
    other_id, other_env = other
    demo = api.env(api.demo_openrc)
    rest = api.session(api.demo_openrc)
    disk = tmp_path / 'shared.img'
    disk.write_bytes(os.urandom(64 * 1024))
    name = 'shared-%s' % uuid.uuid4().hex[:6]
    image = _json(osc, ['image', 'create', '--file', str(disk), '--disk-format', 'raw',
                        '--shared', '--protected', name], demo)
    assert (image['visibility'], image['protected'], image['status']) == ('shared', True, 'active')
    members = '/v2/images/%s/members' % image['id']
    openstack(osc, ['image', 'add', 'project', image['id'], other_id], demo)
    assert rest.get(members, endpoint_filter=IMAGE).json()['members'][0]['status'] == 'pending'
    openstack(osc, ['image', 'set', '--accept', image['id']], other_env)
    assert rest.get(members, endpoint_filter=IMAGE).json()['members'][0]['status'] == 'accepted'
    assert name in _names(osc, ['--shared'], other_env)
    # Protected: the owner's delete is refused (403) and the image stays.
    refused = openstack(osc, ['image', 'delete', image['id']], demo, check=False)
    assert refused.returncode != 0
    assert rest.get('/v2/images/' + image['id'], endpoint_filter=IMAGE).json()['status'] == 'active'
    # Community images show up for others only when asked for.
    comm = rest.post('/v2/images', json={'name': 'comm-' + name, 'visibility': 'community'},
                     endpoint_filter=IMAGE).json()
    listed = _names(osc, ['--community'], other_env)
    assert comm['name'] in listed and name not in listed
    rest.delete('%s/%s' % (members, other_id), endpoint_filter=IMAGE)
    gone = api.session(other_env).get('/v2/images/' + image['id'], endpoint_filter=IMAGE,
                                      raise_exc=False)
    assert gone.status_code == 404
    rest.patch('/v2/images/' + image['id'], json=[{'op': 'replace', 'path': '/protected',
                                                   'value': False}], endpoint_filter=IMAGE,
               headers={'Content-Type': 'application/openstack-images-v2.1-json-patch'})
    for image_id in (image['id'], comm['id']):
        rest.delete('/v2/images/' + image_id, endpoint_filter=IMAGE)


SDK_SCRIPT = '''
import hashlib, json, sys
import openstack
env, path, out = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
conn = openstack.connect(auth_url=env['OS_AUTH_URL'], username=env['OS_USERNAME'],
                         password=env['OS_PASSWORD'], project_name=env['OS_PROJECT_NAME'],
                         user_domain_name='Default', project_domain_name='Default')
image = conn.create_image('sdk-image', filename=path, disk_format='raw', container_format='bare',
                          wait=True)
with open(out, 'wb') as f:
    conn.image.download_image(image, output=f)
found = [i.id for i in conn.image.images(name='sdk-image')]
conn.delete_image(image.id, wait=True)
print(json.dumps({'id': image.id, 'status': image.status, 'checksum': image.checksum,
                  'found': found, 'gone': conn.get_image(image.id) is None}))
'''


def test_openstacksdk_uploads_and_downloads_with_checksum(api, ansible_venv, tmp_path):
    data = os.urandom(2 * 1024 * 1024 + 3)
    (tmp_path / 'in.img').write_bytes(data)
    (tmp_path / 'sdk.py').write_text(SDK_SCRIPT)
    bare = {k: v for k, v in api.env().items() if not k.startswith('OS_')}
    out = run(ansible_venv, 'python', [str(tmp_path / 'sdk.py'), json.dumps(api.demo_openrc),
                                       str(tmp_path / 'in.img'), str(tmp_path / 'out.img')],
              bare).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert (result['status'], result['checksum']) == ('active', hashlib.md5(data).hexdigest())
    assert result['found'] == [result['id']] and result['gone']
    assert (tmp_path / 'out.img').read_bytes() == data


PLAYBOOK = '''
- hosts: localhost
  gather_facts: false
  tasks:
    - name: an image from a file
      openstack.cloud.image:
        cloud: ci
        name: {name}
        filename: {path}
        disk_format: raw
        container_format: bare
        tags: [ansible]
        properties:
          os_distro: cirros
      register: made
    - assert:
        that:
          - made.image.status == 'active'
          - made.image.checksum == '{checksum}'
'''


def test_ansible_image_from_a_file_is_idempotent(api, ansible_venv, tmp_path):
    data = os.urandom(128 * 1024)
    (tmp_path / 'disk.img').write_bytes(data)
    name = 'ans-img-%s' % uuid.uuid4().hex[:6]
    playbook = PLAYBOOK.format(name=name, path=tmp_path / 'disk.img',
                               checksum=hashlib.md5(data).hexdigest())
    first, second = fconftest.ansible_play_twice(ansible_venv, api, tmp_path, playbook)
    assert 'failed=0' in first and 'changed=1' in first, first
    assert 'failed=0' in second and 'changed=0' in second, second
    sess = api.session(api.demo_openrc)
    images = sess.get('/v2/images?name=' + name, endpoint_filter=IMAGE).json()
    assert [(i['tags'], i['os_distro']) for i in images['images']] == [(['ansible'], 'cirros')]
