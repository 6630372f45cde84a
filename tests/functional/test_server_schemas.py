"""Server responses checked against Nova 34's own response schemas (installed in a throwaway venv)."""

import json
import os
import subprocess
import time
import uuid

import pytest

pytestmark = pytest.mark.functional

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# microversion -> suffix of Nova's show/detail/update response schema for that window
WINDOWS = {
    '2.1': ('', '', ''),
    '2.47': ('_v247', '_v247', '_v247'),
    '2.75': ('_v273', '_v273', '_v275'),
    '2.96': ('_v296', '_v296', '_v296'),
    '2.104': ('_v2100', '_v2100', '_v2100'),
}


def _boot(api, token, name):
    network = api.session().get('/v2.0/networks?name=private',
                                endpoint_filter={'service_type': 'network'}).json()['networks'][0]
    image = api.session().get('/v2/images?name=cirros',
                              endpoint_filter={'service_type': 'image'}).json()['images'][0]
    resp = api.compute('POST', '/servers', token, version='2.37', json={'server': {
        'name': name, 'imageRef': image['id'], 'flavorRef': '1',
        'networks': [{'uuid': network['id']}], 'metadata': {'role': 'schema-check'}}})
    assert resp.status_code == 202, resp.text
    server = resp.json()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status = api.compute('GET', '/servers/%s' % server['server']['id'], token).json()['server']['status']
        if status == 'ACTIVE':
            return server
        time.sleep(0.2)
    raise AssertionError('server never became ACTIVE (last status %s)' % status)


def _validate(nova_venv, cases):
    checker = os.path.join(ROOT, 'tools', 'nova_schema_check.py')
    proc = subprocess.run([os.path.join(nova_venv, 'bin', 'python'), checker], input=json.dumps(cases),
                          capture_output=True, text=True, check=True, timeout=120)
    return json.loads(proc.stdout)


@pytest.mark.parametrize('account', ['admin', 'demo'])
def test_server_bodies_match_novas_schemas(api, nova_venv, account):
    openrc = api.admin_openrc if account == 'admin' else api.demo_openrc
    token = api.token(openrc)
    created = _boot(api, token, 'schema-%s-%s' % (account, uuid.uuid4().hex[:6]))
    server_id = created['server']['id']
    cases = [{'module': 'servers', 'schema': 'create_response', 'body': created}]
    for version, (show, detail, update) in WINDOWS.items():
        cases.append({'module': 'servers', 'schema': 'show_response' + show,
                      'body': api.compute('GET', '/servers/' + server_id, token, version=version).json()})
        cases.append({'module': 'servers', 'schema': 'detail_response' + detail,
                      'body': api.compute('GET', '/servers/detail', token, version=version).json()})
        cases.append({'module': 'servers', 'schema': 'index_response',
                      'body': api.compute('GET', '/servers', token, version=version).json()})
        renamed = api.compute('PUT', '/servers/' + server_id, token, version=version,
                              json={'server': {'name': 'renamed-%s' % version.replace('.', '-')}})
        assert renamed.status_code == 200
        cases.append({'module': 'servers', 'schema': 'update_response' + update, 'body': renamed.json()})
    assert _validate(nova_venv, cases) == []
    assert api.compute('DELETE', '/servers/' + server_id, token).status_code == 204
