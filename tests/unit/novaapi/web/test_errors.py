"""The kit's HTTP errors: status, key, default wording and headers."""

from novaapi.web import errors


def test_default_text_and_explicit_message():
    err = errors.NotFound()
    assert (err.code, err.key, err.message, err.kind) == (404, 'not_found', None, 'HTTPNotFound')
    assert str(err) == 'The resource could not be found.'
    assert errors.NotFound('No such thing.').message == 'No such thing.'


def test_headers_accept_a_dict_or_pairs():
    assert errors.HTTPError(headers={'A': '1'}).headers == [('A', '1')]
    assert errors.HTTPError(headers=[('A', '1'), ('A', '2')]).headers == [('A', '1'), ('A', '2')]
    assert errors.HTTPError().headers == []


def test_method_not_allowed_lists_allowed_methods():
    err = errors.MethodNotAllowed({'POST', 'GET', 'HEAD'})
    assert err.allowed == ['GET', 'HEAD', 'POST']
    assert err.headers == [('Allow', 'GET, HEAD, POST')]


def test_payload_too_large_carries_the_limit():
    err = errors.PayloadTooLarge(1024)
    assert (err.code, err.params) == (413, {'limit': 1024})


def test_malformed_errors_are_bad_requests():
    for cls in (errors.MalformedURL, errors.MalformedBody):
        assert issubclass(cls, errors.BadRequest) and cls.code == 400


def test_api_error_has_any_status_and_kind():
    err = errors.ApiError(409, 'Taken.', kind='Conflict', headers={'X': 'y'})
    assert (err.code, err.status, err.message, err.kind, err.headers) == (
        409, 409, 'Taken.', 'Conflict', [('X', 'y')])


def test_from_status():
    err = errors.from_status(418, "I'm a teapot")
    assert (err.code, err.message, err.kind) == (418, "I'm a teapot", None)
