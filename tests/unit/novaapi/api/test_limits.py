"""/limits: keys against Nova's samples per microversion, and the usage it shows."""

import pytest

from tests.conftest import sample

LIMIT_FOLDERS = {'2.1': '', '2.35': '', '2.36': 'v2.36/', '2.38': 'v2.36/', '2.39': 'v2.39/',
                 '2.56': 'v2.39/', '2.57': 'v2.57/', 'latest': 'v2.57/'}


@pytest.mark.parametrize('version', sorted(LIMIT_FOLDERS))
def test_limits_keys_match_samples(compute, demo_token, version):
    resp = compute.request('GET', '/v2.1/limits', demo_token, version=version)
    assert resp.json == sample('limits/%slimit-get-resp.json' % LIMIT_FOLDERS[version])


def test_limits_show_usage(compute, demo_token, admin_token, demo_project, fake_instances):
    fake_instances[demo_project] = 3
    compute.request('POST', '/v2.1/os-server-groups', demo_token,
                    body={'server_group': {'name': 'g', 'policies': ['affinity']}})
    absolute = compute.request('GET', '/v2.1/limits', demo_token).json['limits']['absolute']
    assert (absolute['totalInstancesUsed'], absolute['totalCoresUsed'], absolute['totalRAMUsed'],
            absolute['totalServerGroupsUsed']) == (3, 6, 1536, 1)
    # Admins may read another project's limits; others may not.
    other = compute.request('GET', '/v2.1/limits?tenant_id=%s' % demo_project, admin_token).json
    assert other['limits']['absolute']['totalInstancesUsed'] == 3
    mine = compute.request('GET', '/v2.1/limits', admin_token).json
    assert mine['limits']['absolute']['totalInstancesUsed'] == 0
    resp = compute.request('GET', '/v2.1/limits?tenant_id=%s' % demo_project, demo_token)
    assert resp.json == {'forbidden': {'code': 403, 'message':
                         "Policy doesn't allow os_compute_api:limits:other_project to be performed."}}
    assert compute.request('GET', '/v2.1/limits?foo=1', demo_token, version='2.75').status_int == 400
