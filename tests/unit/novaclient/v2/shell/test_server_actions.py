"""Server action commands: the action bodies they POST and their version-gated arguments."""

import pytest

from tests.unit.novaclient.fixture_data import servers as fx

SID = fx.SERVER_ID
ACTION = '/servers/%s/action' % SID


@pytest.mark.parametrize('command,body', [
    ('pause', {'pause': None}), ('unpause', {'unpause': None}),
    ('suspend', {'suspend': None}), ('resume', {'resume': None}),
    ('lock', {'lock': None}), ('unlock', {'unlock': None}),
    ('shelve', {'shelve': None}), ('shelve-offload', {'shelveOffload': None}),
    ('unshelve', {'unshelve': None}), ('unrescue', {'unrescue': None}),
    ('resize-confirm', {'confirmResize': None}),
    ('resize-revert', {'revertResize': None}),
    ('migrate', {'migrate': None}), ('force-delete', {'forceDelete': None}),
    ('trigger-crash-dump', {'trigger_crash_dump': None}),
    ('reboot', {'reboot': {'type': 'SOFT'}}),
    ('reboot --hard', {'reboot': {'type': 'HARD'}}),
    ('reset-state', {'os-resetState': {'state': 'error'}}),
    ('reset-state --active', {'os-resetState': {'state': 'active'}}),
    ('lock --reason because', {'lock': {'locked_reason': 'because'}}),
    ('resize', {'resize': {'flavorRef': '2'}}),
    ('live-migration', {'os-migrateLive': {'host': None,
                                           'block_migration': 'auto'}}),
    ('evacuate', {'evacuate': {}}),
    ('backup', {'createBackup': {'name': 'b', 'backup_type': 'daily',
                                 'rotation': '2'}}),
])
def test_server_actions(nova, command, body):
    words = command.split(' ')
    extra = {'resize': ' 2', 'backup': ' b daily 2'}.get(words[0], '')
    nova.m.post('http://nova/v2.1' + ACTION, status_code=202,
                json={'image_id': fx.IMAGE_ID})
    nova('%s sample-server%s' % (command, extra))
    nova.assert_called_anytime('POST', ACTION, body)


def test_version_gated_arguments(nova):
    result = nova.run_result('--os-compute-api-version 2.72 lock '
                             'sample-server --reason x')
    assert result.code == 2
    assert 'unrecognized arguments: --reason x' in result.err
