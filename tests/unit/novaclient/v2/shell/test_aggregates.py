"""aggregate-* commands: HTTP calls and printed tables."""


DETAILS = ("| 1  | agg1 | london            | 'compute1' | 'availability_zone=london', 'k=v' "
           "| 6ba28ba7-f29b-45cc-a30b-6e3a40c2fb14 |")


def test_aggregate_list_show_create(nova):
    out = nova('aggregate-list')
    nova.assert_called('GET', '/os-aggregates')
    assert out.splitlines()[1] == ('| Id | Name | Availability Zone | UUID                                 |')
    out = nova('aggregate-show agg1')
    assert out.splitlines()[3] == DETAILS
    nova('aggregate-create agg1 london')
    nova.assert_called('POST', '/os-aggregates', {'aggregate': {'name': 'agg1', 'availability_zone': 'london'}})
    out = nova('--os-compute-api-version 2.40 aggregate-show 1')
    assert 'UUID' not in out


def test_aggregate_update_delete(nova):
    out = nova('aggregate-update agg1 --name new --availability-zone paris')
    nova.assert_called('PUT', '/os-aggregates/1', {'aggregate': {'name': 'new', 'availability_zone': 'paris'}})
    assert out.splitlines()[0] == 'Aggregate 1 has been successfully updated.'
    result = nova.run_result('aggregate-update agg1')
    assert result.err.endswith("ERROR (CommandError): Either '--name <name>' or '--availability-zone "
                               "<availability-zone>' must be specified.\n")
    out = nova('aggregate-delete agg1')
    nova.assert_called('DELETE', '/os-aggregates/1')
    assert out == 'Aggregate 1 has been successfully deleted.\n'


def test_aggregate_hosts_and_metadata(nova):
    out = nova('aggregate-add-host agg1 compute2')
    nova.assert_called('POST', '/os-aggregates/1/action', {'add_host': {'host': 'compute2'}})
    assert out.splitlines()[0] == 'Host compute2 has been successfully added for aggregate 1 '
    nova('aggregate-remove-host agg1 compute1')
    nova.assert_called('POST', '/os-aggregates/1/action', {'remove_host': {'host': 'compute1'}})
    out = nova('aggregate-set-metadata agg1 a=b k')
    nova.assert_called('POST', '/os-aggregates/1/action', {'set_metadata': {'metadata': {'a': 'b', 'k': None}}})
    assert out.splitlines()[0] == 'Metadata has been successfully updated for aggregate 1.'
    assert nova.run_result('aggregate-set-metadata agg1 k=v').err.endswith(
        'ERROR (CommandError): metadata already exists\n')
    assert nova.run_result('aggregate-set-metadata agg1 nope').err.endswith(
        'ERROR (CommandError): metadata key nope does not exist hence can not be deleted\n')


def test_aggregate_cache_images(nova):
    from tests.unit.novaclient.fixture_data import IMAGE_URL
    image = {'id': '0b6a4c2e-7f3e-4a9c-8d2b-5e6f7a8b9c0d', 'name': 'cirros'}
    import re
    nova.m.get(re.compile(re.escape(IMAGE_URL) + r'/v2/images\?.*'), json=lambda request, context: {
        'images': [image] if 'id=in' in request.url else []})
    nova('aggregate-cache-images agg1 %s' % '0b6a4c2e-7f3e-4a9c-8d2b-5e6f7a8b9c0d')
    nova.assert_called('POST', '/os-aggregates/1/images',
                       {'cache': [{'id': '0b6a4c2e-7f3e-4a9c-8d2b-5e6f7a8b9c0d'}]})
