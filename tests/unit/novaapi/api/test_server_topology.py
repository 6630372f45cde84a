"""The NUMA topology of a server, for its owner and for an admin."""

from tests.conftest import sample


def test_topology(servers):
    uuid = servers.boot()
    assert servers.sub('GET', uuid, 'topology', version='2.77').status_int == 404
    resp = servers.sub('GET', uuid, 'topology', version='2.78')
    assert resp.json_body_or_none == {'nodes': [], 'pagesize_kb': None}
    servers.set_instance(uuid, vcpus=4, memory_mb=3072,
                         extra_specs={'hw:numa_nodes': '2', 'hw:cpu_policy': 'dedicated',
                                      'hw:cpu_threads': '2', 'hw:mem_page_size': 'small'})
    user = servers.sub('GET', uuid, 'topology', version='2.78').json_body_or_none
    want = sample('os-server-topology/v2.78/servers-topology-resp-user.json')
    assert [sorted(n) for n in user['nodes']] == [sorted(n) for n in want['nodes']]
    assert user['nodes'][0]['vcpu_set'] == [0, 1] and user['nodes'][1]['siblings'] == [[2, 3]]
    assert user['pagesize_kb'] == 4
    admin = servers.sub('GET', uuid, 'topology', version='2.78', admin=True).json_body_or_none
    want = sample('os-server-topology/v2.78/servers-topology-resp.json')
    assert [sorted(n) for n in admin['nodes']] == [sorted(n) for n in want['nodes']]
    assert admin['nodes'][1]['host_node'] == 1
