from tests.unit.novaapi.api import test_servers_queries as q


def test_measure(servers):
    uuid = q._boot_many(servers, 1)[0]
    out = {'show': q._cost(servers, '/servers/' + uuid)[0],
           'detail1': q._cost(servers, '/servers/detail')[0]}
    q._boot_many(servers, 9)
    out['detail10'] = q._cost(servers, '/servers/detail')[0]
    out['index10'] = q._cost(servers, '/servers')[0]
    q._boot_many(servers, 40)
    out['detail50'] = q._cost(servers, '/servers/detail')[0]
    out['show@50'] = q._cost(servers, '/servers/' + uuid)[0]
    with q.statements() as seen:
        servers.call('GET', '/servers/' + uuid)
    open('/tmp/me/show_sql.txt', 'w').write('\n\n'.join(seen))
    with q.statements() as seen:
        servers.call('GET', '/servers/detail')
    open('/tmp/me/detail_sql.txt', 'w').write('\n\n'.join(seen))
    open('/tmp/me/measure.txt', 'a').write(repr(out) + '\n')
