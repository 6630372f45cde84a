import pytest

from novaapi.api import api_version


@pytest.mark.parametrize('headers, expected', [
    ({}, '2.1'),
    ({'OpenStack-API-Version': 'compute 2.60'}, '2.60'),
    ({'X-OpenStack-Nova-API-Version': '2.12'}, '2.12'),
    ({'OpenStack-API-Version': 'compute 2.30', 'X-OpenStack-Nova-API-Version': '2.12'}, '2.30'),
    ({'OpenStack-API-Version': 'volume 3.1, compute 2.5'}, '2.5'),
    ({'OpenStack-API-Version': 'compute latest'}, '2.104'),
    ({'X-OpenStack-Nova-API-Version': 'latest'}, '2.104'),
])
def test_requested_version(headers, expected):
    assert str(api_version.from_headers(headers)) == expected


def test_out_of_range_is_not_acceptable():
    with pytest.raises(api_version.NotAcceptable) as err:
        api_version.from_headers({'OpenStack-API-Version': 'compute 2.200'})
    assert str(err.value) == ('Version 2.200 is not supported by the API. '
                              'Minimum is 2.1 and maximum is 2.104.')
    with pytest.raises(api_version.NotAcceptable):
        api_version.from_headers({'OpenStack-API-Version': 'compute 1.9'})


@pytest.mark.parametrize('text', ['2.x', '2', '2.01', 'two', '2.1.1', ''])
def test_malformed_version(text):
    with pytest.raises(api_version.InvalidFormat) as err:
        api_version.APIVersion(text)
    assert 'Must be of format MajorNum.MinorNum.' in str(err.value)


def test_ordering_and_windows():
    v = api_version.APIVersion('2.47')
    assert v > '2.9' and v < '2.100' and v == '2.47'
    assert v.matches('2.47', '2.47') and v.matches(None, '2.50') and not v.matches('2.48')
    assert api_version.MAX == '2.104' and api_version.MIN == '2.1'


def test_history_names_every_microversion():
    doc = api_version.__doc__
    for minor in range(1, 105):
        assert '* 2.%d - ' % minor in doc, '2.%d has no history line' % minor


def test_response_headers_repeat_vary():
    headers = api_version.response_headers(api_version.APIVersion('2.55'))
    assert ('OpenStack-API-Version', 'compute 2.55') in headers
    assert ('X-OpenStack-Nova-API-Version', '2.55') in headers
    assert [v for k, v in headers if k == 'Vary'] == ['OpenStack-API-Version',
                                                      'X-OpenStack-Nova-API-Version']
