"""migration-list, server-migration-* and live-migration abort/complete."""

from tests.unit.novaclient.fixture_data import servers as fx

MIG = '/servers/%s/migrations' % fx.SERVER_ID


def test_migration_list_columns_by_version(nova):
    header = nova('migration-list --host h1').splitlines()[1]
    nova.assert_called('GET', '/os-migrations?host=h1')
    assert header.startswith('| Id | UUID ')
    assert header.endswith('| Type           | Project ID | User ID |')
    header = nova('--os-compute-api-version 2.1 migration-list').splitlines(
        )[1]
    assert header.startswith('| Source Node | Dest Node ')


def test_migration_list_paging_filters(nova):
    nova.m.get('http://nova/v2.1/os-migrations?changes-before=2026-01-01'
               '&limit=1&user_id=u', json={'migrations': []})
    nova('migration-list --limit 1 --changes-before 2026-01-01 --user-id u')
    nova.assert_called('GET', '/os-migrations?changes-before=2026-01-01'
                              '&limit=1&user_id=u')
    result = nova.run_result('migration-list --changes-since yesterday')
    assert result.err == ('ERROR (CommandError): Invalid changes-since '
                          'value: yesterday\n')


def test_server_migrations(nova):
    out = nova('server-migration-list sample-server')
    nova.assert_called('GET', MIG)
    assert '| Total Memory Bytes |' in out.splitlines()[1]
    out = nova('server-migration-show sample-server 7')
    nova.assert_called('GET', MIG + '/7')
    assert '| memory_total_bytes     | 100 ' in out
    nova('live-migration-abort sample-server 7')
    nova.assert_called('DELETE', MIG + '/7')
    nova('live-migration-force-complete sample-server 7')
    nova.assert_called('POST', MIG + '/7/action', {'force_complete': None})
