"""service-* commands: HTTP calls and printed tables."""

from tests.unit.novaclient.fixture_data import operator as fx

UUID = fx.SVC_UUID


def test_service_list(nova):
    out = nova('service-list --host compute1 --binary nova-compute')
    nova.assert_called('GET', '/os-services?host=compute1&binary=nova-compute')
    lines = out.splitlines()
    assert lines[1].split('|')[1:-1] == [' Id ', ' Binary         ', ' Host       ', ' Zone     ',
                                          ' Status   ', ' State ', ' Updated_at                 ',
                                          ' Disabled Reason ', ' Forced down ']
    assert lines[4].startswith('| 3  | nova-compute   | compute1   | nova     | disabled | up    |')
    out = nova('--os-compute-api-version 2.10 service-list')
    assert 'Forced down' not in out


def test_service_enable_disable_legacy(nova):
    out = nova('--os-compute-api-version 2.52 service-disable compute1 --reason maint')
    nova.assert_called('PUT', '/os-services/disable-log-reason',
                       {'host': 'compute1', 'binary': 'nova-compute', 'disabled_reason': 'maint'})
    assert out.splitlines()[3] == '| compute1 | nova-compute | disabled | maint           |'
    nova('--os-compute-api-version 2.52 service-enable compute1')
    nova.assert_called('PUT', '/os-services/enable', {'host': 'compute1', 'binary': 'nova-compute'})
    out = nova('--os-compute-api-version 2.11 service-force-down compute1')
    nova.assert_called('PUT', '/os-services/force-down',
                       {'host': 'compute1', 'binary': 'nova-compute', 'forced_down': True})
    assert out.splitlines()[3] == '| compute1 | nova-compute | True        |'
    nova('--os-compute-api-version 2.11 service-force-down compute1 --unset')
    nova.assert_called('PUT', '/os-services/force-down',
                       {'host': 'compute1', 'binary': 'nova-compute', 'forced_down': False})
    result = nova.run_result('--os-compute-api-version 2.10 service-force-down compute1')
    assert result.code == 2


def test_service_by_uuid(nova):
    out = nova('service-disable %s --reason maint' % UUID)
    nova.assert_called('PUT', '/os-services/' + UUID, {'status': 'disabled', 'disabled_reason': 'maint'})
    assert out.splitlines()[1].split('|')[1:-1] == [
        ' ID                                   ', ' Host     ', ' Binary       ', ' Status   ',
        ' Disabled Reason ']
    nova('service-enable ' + UUID)
    nova.assert_called('PUT', '/os-services/' + UUID, {'status': 'enabled'})
    nova('service-force-down ' + UUID)
    nova.assert_called('PUT', '/os-services/' + UUID, {'forced_down': True})
    nova('service-delete ' + UUID)
    nova.assert_called('DELETE', '/os-services/' + UUID)
    nova('--os-compute-api-version 2.52 service-delete 3')
    nova.assert_called('DELETE', '/os-services/3')
