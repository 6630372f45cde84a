"""The kit's router: handlers and URL variables, 404, and 405 with the allowed methods."""

import pytest

from novaapi.web import errors
from novaapi.web import routing


def index():
    pass


def create():
    pass


def show():
    pass


@pytest.fixture
def router():
    return routing.Router([
        ('/v2/images', {'GET': index, 'POST': create}),
        ('/v2/images/{image_id}', {'GET': show}),
    ])


def test_match_returns_handler_and_url_vars(router):
    assert router.match('/v2/images', 'POST') == (create, {})
    assert router.match('/v2/images/abc', 'GET') == (show, {'image_id': 'abc'})


def test_get_implies_head(router):
    assert router.match('/v2/images/abc', 'HEAD') == (show, {'image_id': 'abc'})


def test_unknown_path_is_404(router):
    with pytest.raises(errors.NotFound):
        router.match('/v2/nope', 'GET')


def test_known_path_other_method_is_405(router):
    with pytest.raises(errors.MethodNotAllowed) as err:
        router.match('/v2/images', 'PUT')
    assert err.value.allowed == ['GET', 'HEAD', 'POST']
