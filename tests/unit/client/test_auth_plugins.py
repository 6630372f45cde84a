"""Auth plugins that keystoneauth describes (not password/token): as novaclient behaves."""


def test_none_plugin_keeps_env_credentials_and_needs_an_endpoint(nova):
    # The 'none' plugin declares no --os-username, yet OS_USERNAME still
    # satisfies the credentials check; with no catalog there is no endpoint.
    result = nova.run_result('--os-auth-type none flavor-list')
    assert (result.code, result.out) == (1, '')
    assert result.err == ('ERROR (EndpointNotFound): Could not find requested '
                          'endpoint in Service Catalog.\n')
    assert nova.m.request_history == []


def test_none_plugin_without_user_is_refused(nova):
    nova.env(OS_USERNAME=None)
    result = nova.run_result('--os-auth-type none flavor-list')
    assert result.code == 1
    assert result.err.startswith('ERROR (CommandError): You must provide a user name/id')


def test_none_plugin_with_endpoint_override_calls_compute(nova):
    nova('--os-auth-type none --os-endpoint-override http://nova/v2.1 flavor-list')
    assert [r.url for r in nova.m.request_history] == [
        'http://nova/v2.1', 'http://nova/v2.1/flavors/detail']
    assert nova.last_headers()['X-Auth-Token'] == 'notused'  # keystoneauth's NoAuth


def test_no_password_still_asks_with_an_empty_one(nova):
    # python-novaclient sends '' (its env lookup's default); the identity
    # service answers 401. It used to be a TypeError here.
    nova.env(OS_PASSWORD=None)
    nova('flavor-list')
    auth = nova.m.request_history[0].json()['auth']
    assert auth['identity']['password']['user']['password'] == ''
