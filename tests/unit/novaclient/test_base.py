"""Manager lists: the ``nova`` program follows next links, the library takes one page."""

import re

from novaclient import base
from tests.unit.novaclient import fixture_data
from tests.unit.novaclient.fixture_data import servers as server_data


def _paged(m, path, key, items, page=2, links_key=None):
    """Serve ``items`` ``page`` at a time with Nova's next links."""
    def handler(request, context):
        marker = request.qs.get('marker', [None])[0]
        start = 0 if marker is None else [str(i['id']) for i in items].index(marker) + 1
        size = min(page, int(request.qs.get('limit', [page])[0]))
        chunk = items[start:start + size]
        body = {key: chunk}
        if len(chunk) == size and chunk:
            query = '&'.join('%s=%s' % (k, v[0]) for k, v in sorted(request.qs.items())
                             if k != 'marker')
            href = '%s%s?%s%smarker=%s' % (fixture_data.COMPUTE_URL, path, query,
                                           '&' if query else '', chunk[-1]['id'])
            body[links_key or key + '_links'] = [{'rel': 'next', 'href': href}]
        return body
    m.get(re.compile(re.escape(fixture_data.COMPUTE_URL + path) + r'(\?.*)?$'), json=handler)


def _hypervisor(i):
    return {'id': 'h%d' % i, 'hypervisor_hostname': 'compute%d' % i, 'state': 'up',
            'status': 'enabled'}


def _migration(i):
    return {'id': i, 'uuid': '%08d-0000-0000-0000-000000000000' % i, 'source_node': 'a',
            'dest_node': 'b', 'source_compute': 'a', 'dest_compute': 'b', 'dest_host': 'b',
            'status': 'done', 'instance_uuid': 'x', 'old_instance_type_id': 1,
            'new_instance_type_id': 2, 'created_at': 't', 'updated_at': 't',
            'migration_type': 'resize', 'user_id': 'u', 'project_id': 'p'}


def test_hypervisor_list_follows_next_links(nova):
    _paged(nova.m, '/os-hypervisors', 'hypervisors', [_hypervisor(i) for i in range(5)])
    out = nova('hypervisor-list')
    assert [line.split('|')[2].strip() for line in out.splitlines()[3:-1]] == [
        'compute%d' % i for i in range(5)]
    assert [p for _m, p, _b in nova.compute_calls()][-3:] == [
        '/os-hypervisors', '/os-hypervisors?marker=h1', '/os-hypervisors?marker=h3']


def test_migration_list_keeps_filters_across_pages(nova):
    _paged(nova.m, '/os-migrations', 'migrations', [_migration(i) for i in range(3)])
    out = nova('migration-list --status done')
    assert len(out.splitlines()) == 3 + 3 + 1
    assert [p for _m, p, _b in nova.compute_calls()][-2:] == [
        '/os-migrations?status=done', '/os-migrations?status=done&marker=1']


def test_limit_asks_for_one_page(nova):
    _paged(nova.m, '/os-hypervisors', 'hypervisors', [_hypervisor(i) for i in range(5)])
    nova('hypervisor-list --limit 2')
    assert [p for _m, p, _b in nova.compute_calls()][-1:] == ['/os-hypervisors?limit=2']
    assert len([c for c in nova.compute_calls() if 'os-hypervisors' in c[1]]) == 1


def test_instance_actions_follow_plain_links(nova):
    actions = [{'id': 'r%d' % i, 'request_id': 'r%d' % i, 'action': 'stop', 'start_time': 't',
                'updated_at': 't', 'message': None, 'instance_uuid': 'x', 'user_id': 'u',
                'project_id': 'p'} for i in range(3)]
    server = server_data.SERVER_ID
    path = '/servers/%s/os-instance-actions' % server
    _paged(nova.m, path, 'instanceActions', [dict(a, id=a['request_id']) for a in actions],
           links_key='links')
    out = nova('instance-action-list %s' % server)
    assert out.count('| stop ') == 3


class _Http:
    def __init__(self, pages):
        self.pages = pages
        self.urls = []

    def get(self, url):
        self.urls.append(url)
        return None, self.pages[len(self.urls) - 1]


class _Api:
    def __init__(self, pages, follow):
        self.client = _Http(pages)
        self.follow_next_links = follow


class _Manager(base.Manager):
    resource_class = base.Resource


def test_library_lists_stay_one_page_unless_asked():
    pages = [{'things': [{'id': 1}], 'things_links': [
        {'rel': 'next', 'href': 'http://x/v2.1/things?marker=1'}]}, {'things': [{'id': 2}]}]
    assert [t.id for t in _Manager(_Api(pages, False))._list('/things', 'things')] == [1]
    api = _Api(pages, True)
    assert [t.id for t in _Manager(api)._list('/things', 'things')] == [1, 2]
    assert api.client.urls == ['/things', '/things?marker=1']


def test_a_next_link_pointing_back_stops():
    loop = {'things': [{'id': 1}], 'things_links': [{'rel': 'next', 'href': 'http://x/things'}]}
    api = _Api([loop, loop], True)
    assert len(_Manager(api)._list('/things', 'things')) == 1
