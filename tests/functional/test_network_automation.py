"""Routers, floating IPs and the automation tools people point at a cloud, driven unmodified.

One nova-api (two workers) for the module.  openstackclient (in its interactive mode: one
process reads a batch of commands, so each batch pays its start-up once) builds a router
with a gateway and an interface, moves a floating IP around a server and makes and removes
the project's auto-allocated topology; openstacksdk's
network and cloud layers do the same their way (``add_auto_ip``); an Ansible playbook of
openstack.cloud modules (network, subnet, security_group, security_group_rule, router, port,
server with ``auto_ip``, floating_ip) runs twice, and the second run changes nothing.
"""

import json
import os
import re
import subprocess
import uuid

import pytest

from tests.functional import conftest as fconftest
from tests.functional import server as server_mod

pytestmark = pytest.mark.functional

CONFIG = '[compute]\nbuild_time = 0.2\naction_time = 0.1\n'


@pytest.fixture(scope='module')
def api(tmp_path_factory):
    srv = server_mod.start_api(tmp_path_factory.mktemp('network-api'), CONFIG, workers=2)
    yield srv
    srv.stop()


def _run(venv, program, args, env, stdin=None, timeout=300, check=True):
    proc = subprocess.run([os.path.join(venv, 'bin', program)] + args, env=env, input=stdin,
                          capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0 or not check, '%s %s failed (%d):\n%s\n%s' % (
        program, ' '.join(args), proc.returncode, proc.stdout, proc.stderr)
    return proc


def _batch(venv, env, commands):
    """Run openstackclient commands in one interactive session; their output lines.

    NOTE: the interactive shell reports a failed command on stderr only (and its exit
    status is not the commands'), so nothing on stderr is the success test.
    """
    proc = _run(venv, 'openstack', [], env, stdin='\n'.join(commands) + '\n', check=False)
    assert proc.stderr.strip() == '', proc.stderr
    # ``--wait`` draws its progress without a newline
    out = re.sub(r'Progress: (\d+(?=Progress)|100)', '', proc.stdout)
    return [line for line in out.splitlines() if line.strip()]


def test_openstackclient_router_and_floating_ip(api, openstackclient_venv):
    env, venv = api.env(api.demo_openrc), openstackclient_venv
    name = 'osc-' + uuid.uuid4().hex[:6]
    (net_id, subnet_id, router_id, gateway, interfaces, server_id, port_id,
     address) = _batch(venv, env, [
        'network create %s -f value -c id' % name,
        'subnet create --network %s --subnet-range 192.168.81.0/24 %s -f value -c id'
        % (name, name),
        'router create %s -f value -c id' % name,
        'router set --external-gateway public %s' % name,
        'router add subnet %s %s' % (name, name),
        'router show %s -f value -c external_gateway_info' % name,
        'router show %s -f value -c interfaces_info' % name,
        'server create --image cirros --flavor m1.tiny --network %s --wait %s -f value -c id'
        % (name, name),
        'port list --server %s -f value -c ID' % name,
        'floating ip create public -f value -c floating_ip_address'])
    assert "'enable_snat': True" in gateway and "'ip_address': '172.24.4." in gateway
    assert "'ip_address': '192.168.81.1'" in interfaces and subnet_id in interfaces
    assert address.startswith('172.24.4.')
    groups = _batch(venv, env, [
        'security group create %s -f value -c name' % name,
        'server add security group %s %s' % (name, name),
        'server show %s -f value -c security_groups' % name,
        'server remove security group %s default' % name,
        'server show %s -f value -c security_groups' % name,
        'server add floating ip %s %s' % (name, address),
        'server remove floating ip %s %s' % (name, address),
        'floating ip show %s -f value -c port_id' % address,
        'port create --network %s %s-p -f value -c name' % (name, name),
        # fixed IPs changed on a port: one more from the subnet and one asked for, then one less
        'port set --fixed-ip subnet=%s --fixed-ip ip-address=192.168.81.50 %s-p' % (name, name),
        'port show %s-p -f json -c fixed_ips' % name,
        'port unset --fixed-ip subnet=%s,ip-address=192.168.81.50 %s-p' % (subnet_id, name),
        'port show %s-p -f json -c fixed_ips' % name,
        'port delete %s-p' % name,
        'port list --network %s -f value -c Name' % name])
    assert groups[0] == name and name in groups[1] and 'default' in groups[1], groups
    assert name in groups[2] and 'default' not in groups[2], groups
    assert groups[3:5] == ['None', name + '-p'], groups
    shown = json.loads(''.join(groups[5:groups.index('}', 5) + 1]))['fixed_ips']
    rest = groups[groups.index('}', 5) + 1:]
    left = json.loads(''.join(rest[:rest.index('}') + 1]))['fixed_ips']
    assert sorted(ip['ip_address'] for ip in shown) == ['192.168.81.3', '192.168.81.4',
                                                        '192.168.81.50'], shown
    assert {ip['subnet_id'] for ip in shown} == {subnet_id}
    assert sorted(ip['ip_address'] for ip in left) == ['192.168.81.3', '192.168.81.4'], left
    assert name + '-p' not in rest[rest.index('}') + 1:], groups
    lines = _batch(venv, env, [
        'server add floating ip %s %s' % (name, address),
        'server show %s -f value -c addresses' % name,
        'floating ip unset --port %s' % address,
        'floating ip show %s -f value -c status' % address,
        'floating ip set --port %s %s' % (port_id, address),
        'floating ip show %s -f value -c status' % address,
        'floating ip delete %s' % address,
        'server delete --wait %s' % name,
        'security group delete %s' % name,
        'router remove subnet %s %s' % (name, name),
        'router delete %s' % name,
        'router list -f value -c ID',
        'subnet delete %s' % subnet_id,
        'network delete %s' % net_id,
        'network auto allocated topology create -f value -c id',
        'network list --name auto_allocated_network -f value -c ID',
        'network auto allocated topology delete',
        'network list --name auto_allocated_network -f value -c ID'])
    assert lines[0] == "{'%s': ['192.168.81.2', '%s']}" % (name, address), lines
    assert lines[1:3] == ['DOWN', 'ACTIVE'], lines
    assert router_id not in lines and server_id not in lines
    # the auto-allocated topology: made, listed, then gone
    assert lines[3:] == [lines[3]] * 2 and len(lines[3]) == 36, lines


SDK_SCRIPT = '''
import json, sys
import openstack
env, name = json.loads(sys.argv[1]), sys.argv[2]
conn = openstack.connect(auth_url=env['OS_AUTH_URL'], username=env['OS_USERNAME'],
                         password=env['OS_PASSWORD'], project_name=env['OS_PROJECT_NAME'],
                         user_domain_name='Default', project_domain_name='Default')
out = {}
net = conn.network.create_network(name=name)
subnet = conn.network.create_subnet(network_id=net.id, cidr='192.168.82.0/24', ip_version=4)
public = conn.network.find_network('public')
router = conn.network.create_router(name=name, external_gateway_info={'network_id': public.id})
conn.network.add_interface_to_router(router, subnet_id=subnet.id)
out['interfaces'] = [p.fixed_ips[0]['ip_address'] for p in conn.network.ports(
    device_id=router.id, device_owner='network:router_interface')]
conn.network.add_extra_routes_to_router(router, body={'router': {'routes': [
    {'destination': '10.99.0.0/16', 'nexthop': '192.168.82.9'}]}})
out['routes'] = conn.network.get_router(router.id).routes
conn.network.update_router(router, routes=[])
server = conn.create_server(name, image='cirros', flavor='m1.tiny', network=name, wait=True,
                            auto_ip=False, timeout=120)
out['pools'] = [n['name'] for n in conn.get_external_ipv4_floating_networks()]
fip = conn.create_floating_ip(network='public')
out['unattached'] = fip['status']
conn.delete_floating_ip(fip['id'])
conn.add_auto_ip(server, wait=True, timeout=60)
server = conn.get_server(server['id'])
out['public_v4'] = server['public_v4']
out['addresses'] = server['addresses'][name]
conn.delete_server(server['id'], wait=True, delete_ips=True, timeout=60)
out['left'] = [f.floating_ip_address for f in conn.network.ips()]
conn.network.remove_interface_from_router(router, subnet_id=subnet.id)
conn.network.delete_router(router)
conn.network.delete_network(net)
print(json.dumps(out))
'''


def test_openstacksdk_network_and_cloud_layers(api, tmp_path):
    venv = fconftest.real_venv('openstacksdk')
    script = tmp_path / 'sdk.py'
    script.write_text(SDK_SCRIPT)
    bare = {k: v for k, v in api.env().items() if not k.startswith('OS_')}
    out = _run(venv, 'python', [str(script), json.dumps(api.demo_openrc), 'sdk-net'], bare)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result['interfaces'] == ['192.168.82.1']
    assert result['routes'] == [{'destination': '10.99.0.0/16', 'nexthop': '192.168.82.9'}]
    assert (result['pools'], result['unattached']) == (['public'], 'DOWN')
    floating = [a['addr'] for a in result['addresses'] if a['OS-EXT-IPS:type'] == 'floating']
    assert floating == [result['public_v4']] and result['public_v4'].startswith('172.24.4.')
    assert result['public_v4'] not in result['left']


PLAYBOOK = '''
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/openstack.cloud.openstack:
      cloud: ci
  tasks:
    - openstack.cloud.network:
        name: ans-net
    - openstack.cloud.subnet:
        name: ans-subnet
        network: ans-net
        cidr: 192.168.83.0/24
        dns_nameservers: [192.0.2.53]
    - openstack.cloud.security_group:
        name: ans-sg
        description: ssh from anywhere
    - openstack.cloud.security_group_rule:
        security_group: ans-sg
        protocol: tcp
        port_range_min: 22
        port_range_max: 22
        remote_ip_prefix: 0.0.0.0/0
    - openstack.cloud.router:
        name: ans-router
        network: public
        interfaces: [ans-subnet]
    - openstack.cloud.port:
        name: ans-port
        network: ans-net
        security_groups: [ans-sg]
    - openstack.cloud.server:
        name: ans-vm
        image: cirros
        flavor: m1.tiny
        nics: [{port-name: ans-port}]
        security_groups: [ans-sg]
        auto_ip: true
        wait: true
        timeout: 120
      register: booted
    - openstack.cloud.floating_ip:
        server: ans-vm
        network: public
        reuse: true
        wait: true
        timeout: 60
    - assert:
        that:
          - booted.server.addresses['ans-net'] | selectattr('OS-EXT-IPS:type', 'eq',
            'floating') | list | length == 1
'''


def test_ansible_playbook_twice_second_run_changes_nothing(api, tmp_path):
    venv = fconftest.real_venv('ansible')  # carries openstacksdk 4.14.0, see tools/real-venv.sh
    first, second = fconftest.ansible_play_twice(venv, api, tmp_path, PLAYBOOK)
    assert 'failed=0' in first and 'changed=7' in first, first
    assert 'failed=0' in second and 'changed=0' in second, second
