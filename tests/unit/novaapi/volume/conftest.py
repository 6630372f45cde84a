"""The block-storage tests' fixtures: the image tests' database and tokens, the volume seed,
no simulated delay, and a client that speaks to the endpoint at a microversion."""

import pytest

from novaapi import conf
from novaapi.db import engine
from novaapi.volume import api as volume_api
from novaapi.volume import app
from tests.unit.novaapi.image.conftest import Client
from tests.unit.novaapi.image.conftest import Ctx  # noqa: F401
from tests.unit.novaapi.image.conftest import admin_token  # noqa: F401
from tests.unit.novaapi.image.conftest import demo_token  # noqa: F401
from tests.unit.novaapi.image.conftest import ids as image_ids  # noqa: F401
from tests.unit.novaapi.image.conftest import issue  # noqa: F401


@pytest.fixture
def ids(image_ids):  # noqa: F811 - the image fixture, extended
    with engine.transaction() as sess:
        volume_api.seed(sess)
    conf.CONF.set('volume', 'status_delay', 0)
    return image_ids


class VolumeClient(Client):
    """Paths relative to ``/v3/<project>``; ``version`` sets the microversion header."""

    def __init__(self, project_id):
        super().__init__(app.build())
        self.project_id = project_id

    def request(self, method, path, body=None, token=None, version=None, headers=None, **kw):
        headers = dict(headers or {})
        if version:
            headers['OpenStack-API-Version'] = 'volume %s' % version
        if not path.startswith('/v3') and path != '/':
            path = '/v3/%s%s' % (self.project_id, path)
        return super().request(method, path, body, token=token, headers=headers, **kw)

    def get(self, path, token=None, **kw):
        return self.request('GET', path, token=token, **kw)

    def post(self, path, body, token=None, **kw):
        return self.request('POST', path, body, token=token, **kw)

    def put(self, path, body, token=None, **kw):
        return self.request('PUT', path, body, token=token, **kw)

    def delete(self, path, token=None, **kw):
        return self.request('DELETE', path, token=token, **kw)


@pytest.fixture
def demo(ids):
    return VolumeClient(ids['demo_project_id'])


@pytest.fixture
def admin(ids):
    return VolumeClient(ids['admin_project_id'])
