"""100 concurrent boots through the real API against an instance quota of 10: exactly 10 succeed."""

import concurrent.futures

import pytest
import requests

from tests.conftest import scratch_database
from tests.functional import server as server_mod

pytestmark = pytest.mark.functional

CONFIG = '[quota]\ninstances = 10\ncores = 1000\nram = 10000000\n[compute]\nbuild_time = 0.2\n'
BOOTS = 100


@pytest.fixture(params=['sqlite', 'postgresql', 'mariadb'])
def nova(request, tmp_path):
    url, drop = scratch_database(request.param, tmp_path)
    database = None if request.param == 'sqlite' else url
    try:
        with server_mod.start_api(tmp_path / 'data', config_text=CONFIG, workers=2,
                                  database=database) as srv:
            yield srv
    finally:
        drop()


def test_concurrent_boots_respect_the_quota(nova):
    token = nova.token(nova.demo_openrc)
    image = requests.get(nova.image_url + '/v2/images?name=cirros', headers={'X-Auth-Token': token},
                         timeout=30).json()['images'][0]['id']

    def boot(i):
        resp = nova.compute('POST', '/servers', token, version='2.37', json={'server': {
            'name': 'q-%d' % i, 'imageRef': image, 'flavorRef': '1', 'networks': 'auto'}})
        return resp.status_code, resp.json()

    with concurrent.futures.ThreadPoolExecutor(25) as pool:
        results = list(pool.map(boot, range(BOOTS)))
    codes = sorted(code for code, _ in results)
    assert codes == [202] * 10 + [403] * 90
    messages = {body['forbidden']['message'] for code, body in results if code == 403}
    assert messages == {'Quota exceeded for instances: Requested 1, but already used 10 of 10 instances'}
    listed = nova.compute('GET', '/servers', token).json()['servers']
    assert len(listed) == 10
    limits = nova.compute('GET', '/limits', token).json()['limits']['absolute']
    assert (limits['totalInstancesUsed'], limits['maxTotalInstances']) == (10, 10)
