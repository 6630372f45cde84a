"""host-evacuate, host-evacuate-live, host-servers-migrate and host-meta commands."""

from tests.unit.novaclient.fixture_data.servers import SERVER_ID


def test_host_evacuate_and_friends(nova):
    out = nova('host-evacuate compute1 --strict --target_host compute2')
    nova.assert_called('POST', '/servers/%s/action' % SERVER_ID, {'evacuate': {'host': 'compute2'}})
    assert out.splitlines()[3] == '| %s | True              |               |' % SERVER_ID
    result = nova.run_result('--os-compute-api-version 2.52 host-evacuate compute --strict')
    assert result.err.endswith("ERROR (NotFound): No hypervisor matching 'compute' could be found. "
                               "(HTTP 404)\n")
    nova('host-servers-migrate compute1')
    nova.assert_called('POST', '/servers/%s/action' % SERVER_ID, {'migrate': None})
    nova('host-evacuate-live compute1 --max-servers 1')
    nova.assert_called('POST', '/servers/%s/action' % SERVER_ID,
                       {'os-migrateLive': {'host': None, 'block_migration': 'auto'}})
    nova('host-meta compute1 set a=b')
    nova.assert_called('POST', '/servers/%s/metadata' % SERVER_ID, {'metadata': {'a': 'b'}})
