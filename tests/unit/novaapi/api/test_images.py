"""Nova's image proxy (/images up to 2.35, metadata up to 2.38) in front of the image service."""

from novaapi.db import engine
from novaapi.image import api as image_api
from tests.unit.novaapi.api.conftest import project_id


class _Ctx:
    def __init__(self, project):
        self.project_id, self.is_admin = project, False


def _image(name, project='demo', **values):
    values = dict(dict(name=name, disk_format='raw', container_format='bare',
                       visibility='private', status='active'), **values)
    with engine.transaction() as sess:
        return image_api.create(sess, _Ctx(project_id(project)), values,
                                {'instance_uuid': 'abc', 'auto_disk_config': 'true'}).id


def test_list_show_and_versions(op):
    image_id = _image('proxied')
    listed = op.call('GET', '/images', demo=True)
    assert listed.status_int == 200
    names = {i['name']: i for i in listed.data['images']}
    assert set(names) == {'cirros', 'proxied'}
    assert set(names['proxied']) == {'id', 'name', 'links'}
    assert [link['rel'] for link in names['proxied']['links']] == ['self', 'bookmark', 'alternate']
    assert names['proxied']['links'][2]['href'].endswith(':9292/images/' + image_id)
    shown = op.call('GET', '/images/' + image_id, demo=True).data['image']
    assert (shown['status'], shown['progress'], shown['minRam'], shown['OS-EXT-IMG-SIZE:size']) == (
        'ACTIVE', 100, 0, 0)
    assert shown['metadata'] == {'auto_disk_config': 'true', 'instance_uuid': 'abc'}
    assert shown['server']['id'] == 'abc' and shown['OS-DCF:diskConfig'] == 'AUTO'
    assert shown['created'].endswith('Z')
    detail = op.call('GET', '/images/detail?name=proxied', demo=True).data['images']
    assert [i['id'] for i in detail] == [image_id]
    assert op.call('GET', '/images?server=http://x/servers/abc', demo=True).data['images'][0][
        'id'] == image_id
    assert op.call('GET', '/images?status=ACTIVE&type=none', demo=True).data['images'] == []
    assert op.call('GET', '/images', version='2.36', demo=True).status_int == 404
    assert op.call('GET', '/images/' + image_id, demo=False).status_int == 200
    missing = op.call('GET', '/images/%s' % ('0' * 32), demo=True)
    assert missing.status_int == 404 and missing.data['itemNotFound']['message'] == 'Image not found.'


def test_paging_and_bad_queries(op):
    for n in range(3):
        _image('p%d' % n)
    page = op.call('GET', '/images?limit=2', demo=True).data
    assert len(page['images']) == 2 and page['images_links'][0]['rel'] == 'next'
    assert 'marker=' in page['images_links'][0]['href']
    marker = page['images'][-1]['id']
    rest = op.call('GET', '/images?marker=%s' % marker, demo=True).data
    assert len(rest['images']) == 2 and 'images_links' not in rest
    for query in ('limit=x', 'limit=-1', 'marker=nope', 'changes-since=yesterday', 'name=a:b'):
        resp = op.call('GET', '/images?' + query, demo=True)
        assert resp.status_int == 400, (query, resp.body)
        assert 'badRequest' in resp.data


def test_delete_rules(op):
    mine = _image('mine')
    cirros = [i['id'] for i in op.call('GET', '/images', demo=True).data['images']
              if i['name'] == 'cirros'][0]
    refused = op.call('DELETE', '/images/' + cirros, demo=True)
    assert refused.status_int == 403
    assert refused.data['forbidden']['message'] == 'You are not allowed to delete the image.'
    protected = _image('kept', protected=True)
    assert op.call('DELETE', '/images/' + protected, demo=True).status_int == 403
    theirs = _image('theirs', project='admin')
    assert op.call('DELETE', '/images/' + theirs, demo=True).status_int == 404
    assert op.call('DELETE', '/images/' + mine, demo=True).status_int == 204
    assert op.call('GET', '/images/' + mine, demo=True).status_int == 404


def test_metadata(op):
    image_id = _image('meta', visibility='shared')
    url = '/images/%s/metadata' % image_id
    assert op.call('GET', url, demo=True).data == {
        'metadata': {'auto_disk_config': 'true', 'instance_uuid': 'abc'}}
    assert op.call('GET', url + '/instance_uuid', demo=True).data == {
        'meta': {'instance_uuid': 'abc'}}
    assert op.call('GET', url + '/nope', demo=True).status_int == 404
    created = op.call('POST', url, {'metadata': {'k': 'v'}}, demo=True)
    assert created.data['metadata'] == {'auto_disk_config': 'true', 'instance_uuid': 'abc',
                                        'k': 'v'}
    # Nova sends the image back through its translation: a shared image comes back private.
    with engine.transaction() as sess:
        assert image_api.get(sess, _Ctx(project_id('demo')), image_id).visibility == 'private'
    assert op.call('PUT', url + '/k', {'meta': {'k': 'w'}}, demo=True).data == {'meta': {'k': 'w'}}
    assert op.call('PUT', url + '/k', {'meta': {'j': 'w'}}, demo=True).status_int == 400
    assert op.call('PUT', url, {'metadata': {'only': '1'}}, demo=True).data == {
        'metadata': {'only': '1'}}
    assert op.call('DELETE', url + '/only', demo=True).status_int == 204
    assert op.call('DELETE', url + '/only', demo=True).status_int == 404
    assert op.call('GET', url, demo=True).data == {'metadata': {}}
    assert op.call('POST', url, {'metadata': {'status': 'x'}}, demo=True).status_int == 400
    assert op.call('GET', url, version='2.39', demo=True).status_int == 404
    cirros = [i['id'] for i in op.call('GET', '/images', demo=True).data['images']
              if i['name'] == 'cirros'][0]
    refused = op.call('POST', '/images/%s/metadata' % cirros, {'metadata': {'k': 'v'}}, demo=True)
    assert refused.status_int == 403
    assert refused.data['forbidden']['message'] == 'Not authorized for image %s.' % cirros
    too_many = {'metadata': {'k%d' % n: 'v' for n in range(129)}}
    assert op.call('POST', url, too_many, demo=True).status_int == 403
