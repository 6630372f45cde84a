"""The real openstackclient (from its own venv) drives the embedded network service."""

import json
import uuid

import pytest

from tests.functional.test_real_clients import run

pytestmark = pytest.mark.functional


def _json(venv, args, env):
    return json.loads(run(venv, 'openstack', args + ['-f', 'json'], env).stdout)


def test_openstackclient_security_groups_networks_and_quotas(api, openstackclient_venv):
    env, venv = api.env(), openstackclient_venv
    name = 'osc-' + uuid.uuid4().hex[:8]
    group = _json(venv, ['security', 'group', 'create', name, '--description', 'web'], env)
    assert group['name'] == name
    rule = _json(venv, ['security', 'group', 'rule', 'create', '--protocol', 'tcp',
                        '--dst-port', '22', name], env)
    assert (rule['port_range_min'], rule['port_range_max'], rule['protocol']) == (22, 22, 'tcp')
    again = run(venv, 'openstack', ['security', 'group', 'rule', 'create', '--protocol', 'tcp',
                                    '--dst-port', '22', name], env, check=False)
    assert again.returncode != 0 and 'already exists' in again.stderr
    rules = _json(venv, ['security', 'group', 'rule', 'list', name], env)
    assert len(rules) == 3  # two default egress rules and the new one
    net = _json(venv, ['network', 'create', name], env)
    subnet = _json(venv, ['subnet', 'create', '--network', name, '--subnet-range',
                          '192.168.77.0/24', name], env)
    assert subnet['gateway_ip'] == '192.168.77.1'
    run(venv, 'openstack', ['network', 'set', '--name', name + '-x', net['id']], env)
    shown = _json(venv, ['quota', 'show'], env)
    quota = ({row['Resource']: row['Limit'] for row in shown} if isinstance(shown, list)
             else shown)
    # the network service's limits, as openstackclient names them
    assert (quota['floating_ips'], quota['ports'], quota['subnets']) == (50, 500, 100)
    run(venv, 'openstack', ['quota', 'set', '--ports', '400', '--routers', '9', 'admin'], env)
    shown = _json(venv, ['quota', 'show', 'admin'], env)
    quota = ({row['Resource']: row['Limit'] for row in shown} if isinstance(shown, list)
             else shown)
    assert (quota['ports'], quota['routers'], quota['subnets']) == (400, 9, 100)
    run(venv, 'openstack', ['subnet', 'delete', subnet['id']], env)
    run(venv, 'openstack', ['network', 'delete', net['id']], env)
    run(venv, 'openstack', ['security', 'group', 'delete', name], env)
    names = [g['Name'] for g in _json(venv, ['security', 'group', 'list'], env)]
    assert name not in names and 'default' in names
