"""JSON responses without a charset parameter, and 204 without a content type."""

from novaapi.web import responses


def test_json_response():
    resp = responses.json_response({'a': 1}, status=201, headers={'Location': '/x'})
    assert (resp.status_int, resp.headers['Content-Type'], resp.body) == (
        201, 'application/json', b'{"a": 1}')
    assert resp.headers['Location'] == '/x'


def test_no_content():
    resp = responses.no_content()
    assert resp.status_int == 204 and 'Content-Type' not in resp.headers
