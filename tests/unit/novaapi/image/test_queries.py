"""GET /v2/images queries as Glance reads them: operators, both sort syntaxes, paging, 400s."""

import pytest

from novaapi.db import engine
from novaapi.image import api
from novaapi.image import app
from tests.unit.novaapi.image.conftest import Client
from tests.unit.novaapi.image.conftest import Ctx


@pytest.fixture
def client(ids):
    with engine.transaction() as sess:
        for name, size, fmt in (('a,1', 10, 'raw'), ('b', 20, 'qcow2'), ('c', 30, 'raw')):
            api.create(sess, Ctx(ids['demo_project_id']),
                       dict(name=name, size=size, disk_format=fmt, container_format='bare',
                            visibility='private', status='active', protected=name == 'b'))
    return Client(app.build())


def _names(client, token, query):
    resp = client.get('/v2/images?' + query, token=token, headers={'Accept': 'application/json'})
    assert resp.status_int == 200, resp.body
    return [i['name'] for i in resp.data['images']]


def test_filters_with_operators(client, demo_token):
    mine = 'visibility=private&'
    assert sorted(_names(client, demo_token, mine + 'name=in:"a,1",c')) == ['a,1', 'c']
    assert _names(client, demo_token, mine + 'name=eq:b') == ['b']
    assert sorted(_names(client, demo_token, mine + 'size_min=15')) == ['b', 'c']
    assert _names(client, demo_token, mine + 'size_min=15&size_max=25') == ['b']
    assert _names(client, demo_token, mine + 'size=30') == ['c']
    assert sorted(_names(client, demo_token, mine + 'disk_format=in:raw')) == ['a,1', 'c']
    assert _names(client, demo_token, mine + 'protected=true') == ['b']
    assert len(_names(client, demo_token, mine + 'created_at=gte:2000-01-01T00:00:00Z')) == 3
    assert _names(client, demo_token, mine + 'created_at=lt:2000-01-01T00:00:00Z') == []
    assert len(_names(client, demo_token, mine + 'updated_at=neq:2000-01-01T00:00:00')) == 3


def test_sorting_in_both_syntaxes(client, demo_token):
    mine = 'visibility=private&'
    assert _names(client, demo_token, mine + 'sort=name:asc') == ['a,1', 'b', 'c']
    assert _names(client, demo_token, mine + 'sort=size') == ['c', 'b', 'a,1']
    assert _names(client, demo_token, mine + 'sort=disk_format:asc,size:desc') == [
        'b', 'c', 'a,1']
    assert _names(client, demo_token, mine + 'sort_key=name&sort_dir=asc') == ['a,1', 'b', 'c']
    assert _names(client, demo_token,
                  mine + 'sort_key=disk_format&sort_key=size&sort_dir=asc&sort_dir=desc') == [
        'b', 'c', 'a,1']


def test_pages_follow_next(client, demo_token):
    page = client.get('/v2/images?visibility=private&sort=name:asc&limit=2',
                      token=demo_token).data
    assert [i['name'] for i in page['images']] == ['a,1', 'b']
    page = client.get(page['next'], token=demo_token).data
    assert [i['name'] for i in page['images']] == ['c'] and 'next' not in page


@pytest.mark.parametrize('query, message', [
    ('limit=x', 'limit param must be an integer'),
    ('limit=-1', 'limit param must be positive'),
    ('sort_key=owner', 'Invalid sort key: owner. It must be one of the following: name, status, '
                       'container_format, disk_format, size, id, created_at, updated_at.'),
    ('sort_dir=up', 'Invalid sort direction: up'),
    ('sort=name:asc&sort_key=name', 'Old and new sorting syntax cannot be combined'),
    ('sort_key=name&sort_dir=asc&sort_dir=desc&sort_key=id&sort_key=size',
     'Number of sort dirs does not match the number of sort keys'),
    ('member_status=maybe', 'Invalid status: maybe'),
    ('visibility=everyone', 'Invalid visibility value: everyone'),
    ('changes-since=2020-01-01', 'The "changes-since" filter is no longer available on v2.'),
    ('os_hidden=maybe', "Invalid value 'maybe' for 'os_hidden' filter."),
    ('protected=True', "Invalid value 'True' for 'protected' filter."),
    ('size_min=big', 'Unable to filter on a range with a non-numeric value.'),
    ('created_at=yesterday', 'Bad "created_at" query filter format.'),
    ('created_at=after:2020-01-01T00:00:00Z', 'Unable to filter on a unknown operator.'),
    ('name=like:x', "Unable to filter by unknown operator 'like'."),
    ('name=in:"a', 'The quote is not closed.'),
    ('marker=00000000-0000-0000-0000-000000000000',
     'No image found with ID 00000000-0000-0000-0000-000000000000'),
])
def test_bad_queries_are_glance_400s(client, demo_token, query, message):
    resp = client.get('/v2/images?' + query, token=demo_token, headers={'Accept': 'application/json'})
    assert resp.status_int == 400, resp.body
    assert message in resp.data['message']
