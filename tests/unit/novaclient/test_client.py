"""The library entry point: version negotiation and Keystone v3 defaults."""

import json

import pytest
from keystoneauth1 import session as ksession
from keystoneauth1.identity import v3

from novaclient import api_versions
from novaclient import client
from novaclient import exceptions
from tests.unit.novaclient import fixture_data


@pytest.fixture
def cloud(requests_mock):
    fixture_data.register_all(requests_mock, max_version='2.90')
    return requests_mock


def _session():
    return ksession.Session(auth=v3.Password(
        auth_url=fixture_data.AUTH_URL, username='demo', password='s3cret',
        project_name='demo', user_domain_id='default',
        project_domain_id='default'))


def _sent_versions(m):
    return [(r.path, r.headers.get('X-OpenStack-Nova-API-Version'))
            for r in m.request_history if r.url.startswith('http://nova')]


def test_latest_negotiates_before_the_first_request(cloud):
    nova = client.Client('2.latest', session=_session())
    assert cloud.request_history == []
    nova.flavors.list()
    assert nova.api_version == api_versions.APIVersion('2.90')
    assert _sent_versions(cloud) == [('/v2.1', None),
                                     ('/v2.1/flavors/detail', '2.90')]


def test_reading_the_version_negotiates(cloud):
    nova = client.Client('2.latest', session=_session())
    assert nova.api_version.get_string() == '2.90'


def test_above_the_client_maximum_is_lowered_to_the_server(cloud):
    nova = client.Client('2.200', session=_session())
    assert nova.api_version.get_string() == '2.90'


def test_explicit_version_costs_no_discovery(cloud):
    nova = client.Client('2.60', session=_session())
    nova.flavors.list()
    assert _sent_versions(cloud) == [('/v2.1/flavors/detail', '2.60')]


def test_explicit_version_above_the_server_is_retried_at_its_maximum(cloud):
    def detail(request, context):
        if request.headers['X-OpenStack-Nova-API-Version'] != '2.90':
            context.status_code = 406
            return {'computeFault': {'code': 406, 'message': (
                'Version 2.100 is not supported by the API. Minimum is 2.1 '
                'and maximum is 2.90.')}}
        return {'flavors': []}
    cloud.get(fixture_data.url('/flavors/detail'), json=detail)
    nova = client.Client('2.100', session=_session())
    assert nova.flavors.list() == []
    assert nova.api_version.get_string() == '2.90'
    assert _sent_versions(cloud) == [('/v2.1/flavors/detail', '2.100'),
                                     ('/v2.1', None),
                                     ('/v2.1/flavors/detail', '2.90')]


def test_other_406_is_raised(cloud):
    cloud.get(fixture_data.url('/flavors/detail'), status_code=406,
              json={'computeFault': {'code': 406, 'message': 'no'}})
    nova = client.Client('2.60', session=_session())
    with pytest.raises(exceptions.ClientException):
        nova.flavors.list()
    assert len(_sent_versions(cloud)) == 1


def test_server_too_new_for_the_client(requests_mock):
    fixture_data.register_all(requests_mock)
    requests_mock.get(fixture_data.COMPUTE_URL, json=fixture_data.version_doc(
        max_version='2.300', min_version='2.200'))
    nova = client.Client('2.latest', session=_session())
    with pytest.raises(exceptions.UnsupportedVersion, match='too new'):
        nova.flavors.list()


def test_positional_form_defaults_domains_for_keystone_v3(cloud):
    nova = client.Client('2', 'demo', 's3cret', fixture_data.PROJECT_ID,
                         fixture_data.AUTH_URL)
    nova.flavors.list()
    auth = json.loads(cloud.request_history[0].text)['auth']
    assert auth['identity']['password']['user'] == {
        'name': 'demo', 'password': 's3cret', 'domain': {'id': 'default'}}
    assert auth['scope'] == {'project': {'id': fixture_data.PROJECT_ID}}
    assert nova.api_version == api_versions.APIVersion('2.0')


def test_given_domains_are_kept(cloud):
    nova = client.Client('2.1', 'demo', 's3cret', auth_url=fixture_data.AUTH_URL,
                         project_name='demo', user_domain_name='Users',
                         project_domain_name='Projects')
    nova.flavors.list()
    auth = json.loads(cloud.request_history[0].text)['auth']
    assert auth['identity']['password']['user']['domain'] == {'name': 'Users'}
    assert auth['scope']['project'] == {'name': 'demo',
                                        'domain': {'name': 'Projects'}}
