"""The sub-resources on SQLite, PostgreSQL and MariaDB (skipped when a server is absent)."""

import uuid

from paste import deploy

from novaapi import conf
from tests.conftest import AppClient
from tests.conftest import _token
from tests.unit.compute_sub.conftest import SubServers


def test_sub_resources_on_each_backend(backend):
    conf.CONF.set('compute', 'build_time', 0.0)
    conf.CONF.set('compute', 'action_time', 0.0)
    app = AppClient(deploy.loadapp('config:' + conf.CONF.paste_config, name='osapi_compute'))
    servers = SubServers(app, _token('demo', 'demo'), _token('admin', 'admin'))
    server_id = servers.boot(metadata={'a': '1'})
    merged = servers.sub('POST', server_id, 'metadata', {'metadata': {'a': '2', 'b': '3'}})
    assert merged.json_body_or_none == {'metadata': {'a': '2', 'b': '3'}}
    assert servers.sub('PUT', server_id, 'metadata', {'metadata': {'c': '4'}}).status_int == 200
    assert servers.sub('PUT', server_id, 'tags', {'tags': ['x', 'y']}).status_int == 200
    assert servers.sub('PUT', server_id, 'tags/z').status_int == 201
    assert servers.sub('DELETE', server_id, 'tags/x').status_int == 204
    assert servers.sub('GET', server_id, 'tags').json_body_or_none == {'tags': ['y', 'z']}
    attached = servers.sub('POST', server_id, 'os-interface', {'interfaceAttachment': {}})
    assert attached.status_int == 200
    volume_id = str(uuid.uuid4())
    attach = {'volumeAttachment': {'volumeId': volume_id}}
    assert servers.sub('POST', server_id, 'os-volume_attachments', attach).status_int == 200
    assert servers.sub('DELETE', server_id, 'os-volume_attachments/' + volume_id).status_int == 202
    listed = servers.sub('GET', server_id, 'os-instance-actions?limit=2', version='2.84')
    assert [a['action'] for a in listed.json_body_or_none['instanceActions']] == [
        'detach_volume', 'attach_volume']
    marker = listed.json_body_or_none['instanceActions'][-1]['request_id']
    rest = servers.sub('GET', server_id, 'os-instance-actions?marker=' + marker, version='2.84')
    assert [a['action'] for a in rest.json_body_or_none['instanceActions']] == [
        'attach_interface', 'create']
    servers.action(server_id, {'os-migrateLive': {'host': None, 'block_migration': 'auto'}},
                   version='2.30', admin=True)
    page = servers.call('GET', '/os-migrations?limit=1', version='2.80', admin=True)
    assert page.json_body_or_none['migrations'][0]['migration_type'] == 'live-migration'
    assert servers.sub('GET', server_id, 'migrations', version='2.80',
                       admin=True).json_body_or_none['migrations'][0]['status'] == 'queued'
