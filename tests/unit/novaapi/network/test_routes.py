"""The network route table: every handler is a controller's, and no input to any route gets a
5xx (a bounded hypothesis fuzz through the whole endpoint, admin and member).

That controllers stay HTTP only (no database) is an import contract in pyproject.toml.
"""

import json
import re
import urllib.parse

from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
import pytest

from novaapi.network import app
from novaapi.network import routes
from tests.unit.novaapi.network.conftest import Client


def test_every_route_goes_to_a_controller():
    for path, methods in routes.ROUTES:
        for method, handler in methods.items():
            assert handler.__module__.startswith('novaapi.network.controllers.'), (path, method)



# --- fuzz: every network route, any input, never a 5xx ---------------------------------

EXAMPLES = 400
METHODS = ['GET', 'GET', 'POST', 'PUT', 'PUT', 'DELETE', 'PATCH']
JUNK = ['1', '-1', 'None', 'abc', 'x' * 300, '4ab2c9e1-2f3c-4e5a-9b6d-7c8d9e0f1a2b', '%C2%B2',
        '99999999999999999999999', '', 'default', 'public', 'dry-run']
ATTRIBUTES = ['name', 'network_id', 'subnet_id', 'port_id', 'cidr', 'ip_version', 'gateway_ip',
              'allocation_pools', 'fixed_ips', 'ip_address', 'external_gateway_info',
              'enable_snat', 'external_fixed_ips', 'routes', 'destination', 'nexthop',
              'floating_network_id', 'floating_ip_address', 'fixed_ip_address', 'device_id',
              'device_owner', 'security_groups', 'security_group_id', 'direction', 'protocol',
              'port_range_min', 'port_range_max', 'remote_ip_prefix', 'remote_group_id',
              'ethertype', 'shared', 'router:external', 'is_default', 'admin_state_up',
              'project_id', 'tenant_id', 'tags', 'description', 'mtu', 'quota', 'router',
              'port_security_enabled', 'allowed_address_pairs', 'binding:host_id', 'force']
QUERY = ['fields', 'sort_key', 'sort_dir', 'limit', 'marker', 'page_reverse', 'tags',
         'tags-any', 'not-tags', 'name', 'id', 'shared', 'router:external', 'status', 'port_id',
         'device_id', 'tenant_id', 'project_id', 'fixed_ips', 'bogus']

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-2 ** 70, max_value=2 ** 70),
              st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=16),
              st.sampled_from(['10.0.0.0/24', '172.24.4.9', '::1', 'fe80::/64', '0.0.0.0/0',
                               'tcp', 'ingress', 'IPv6', '192.168.1.1'])),
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(st.sampled_from(ATTRIBUTES) | st.text(max_size=8),
                                               children, max_size=4)),
    max_leaves=10)


KEYS = {'networks': 'network', 'subnets': 'subnet', 'ports': 'port', 'routers': 'router',
        'floatingips': 'floatingip', 'security-groups': 'security_group',
        'security-group-rules': 'security_group_rule', 'quotas': 'quota'}


def _key(path):
    """The body key a route's resource takes (``router`` for /v2.0/routers/...)."""
    parts = path.split('/')
    return KEYS.get(parts[2] if len(parts) > 2 else '', 'network')


@st.composite
def _requests(draw, ids):
    path, methods = draw(st.sampled_from(routes.ROUTES))
    method = draw(st.sampled_from(sorted(methods) * 10 + METHODS))
    key = _key(path)
    path = re.sub(r'\{([a-z_]+)\}', lambda m: draw(st.sampled_from(
        [ids[m.group(1)]] * 8 + list(ids.values()) + JUNK + ['networks', 'ports'])), path)
    values = list(ids.values())
    query = draw(st.lists(st.tuples(st.sampled_from(QUERY), st.sampled_from(values + JUNK + [
        'asc', 'desc', 'true', 'name', 'id', 'a,b'])), max_size=3))
    kind = draw(st.sampled_from(['wrapped'] * 4 + ['interface', 'json', 'raw', 'none']))
    if kind == 'wrapped':
        key = draw(st.sampled_from([key] * 6 + ['routers', 'tags', 'networks']))
        item = draw(st.dictionaries(st.sampled_from(ATTRIBUTES), json_values | st.sampled_from(
            values), max_size=4) | json_values)
        body = json.dumps({key: item}).encode()
    elif kind == 'interface':
        body = json.dumps(draw(st.dictionaries(st.sampled_from(['subnet_id', 'port_id']),
                                               st.sampled_from(values + JUNK) | json_values,
                                               max_size=2))).encode()
    elif kind == 'json':
        body = json.dumps(draw(json_values)).encode()
    elif kind == 'raw':
        body = draw(st.binary(max_size=40))
    else:
        body = None
    return method, path + ('?' + urllib.parse.urlencode(query) if query else ''), body


@pytest.fixture
def topology(ids, admin_token, demo_token):
    """A network, subnet, port, router with gateway and interface, floating IP and group."""
    client = Client(app.build())
    public = client.get('/v2.0/networks?name=public', token=demo_token).data['networks'][0]['id']
    net = client.post('/v2.0/networks', {'network': {'name': 'n'}}, token=demo_token).data
    net = net['network']['id']
    subnet = client.post('/v2.0/subnets', {'subnet': {'network_id': net, 'cidr': '10.5.0.0/24'}},
                         token=demo_token).data['subnet']['id']
    port = client.post('/v2.0/ports', {'port': {'network_id': net}},
                       token=demo_token).data['port']['id']
    router = client.post('/v2.0/routers', {'router': {'external_gateway_info': {
        'network_id': public}}}, token=demo_token).data['router']['id']
    client.put('/v2.0/routers/%s/add_router_interface' % router, {'subnet_id': subnet},
               token=demo_token)
    fip = client.post('/v2.0/floatingips', {'floatingip': {'floating_network_id': public,
                                                           'port_id': port}},
                      token=demo_token).data['floatingip']['id']
    group = client.post('/v2.0/security-groups', {'security_group': {'name': 'g'}},
                        token=demo_token).data['security_group']
    return client, {'network_id': net, 'subnet_id': subnet, 'port_id': port,
                    'router_id': router, 'floatingip_id': fip, 'group_id': group['id'],
                    'rule_id': group['security_group_rules'][0]['id'],
                    'project_id': ids['demo_project_id'], 'alias': 'router',
                    'external': public, 'admin_project': ids['admin_project_id'],
                    'collection': 'routers', 'resource_id': router, 'tag': 'blue'}


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_fuzzed_requests_get_neutron_4xx_never_5xx(topology, admin_token, demo_token, data):
    client, ids = topology
    method, path, body = data.draw(_requests(ids))
    token = data.draw(st.sampled_from([demo_token, demo_token, admin_token]))
    resp = client.request(method, path, token=token, raw=body if body is not None else None)
    assert resp.status_int < 500, (method, path, body, resp.body)
    if resp.status_int >= 400:
        assert resp.data and set(resp.data) == {'NeutronError'}, (method, path, resp.body)
        assert set(resp.data['NeutronError']) == {'type', 'message', 'detail'}, resp.body
