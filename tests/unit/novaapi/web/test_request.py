"""Request parsing: URLs that are not UTF-8, chunked bodies, the size limit and JSON."""

import io

import pytest
import webob

from novaapi.web import errors
from novaapi.web import request


def _environ(path='/', query=''):
    # WSGI servers hand PATH_INFO over percent-decoded, one latin-1 character per byte.
    return {'SCRIPT_NAME': '', 'PATH_INFO': path, 'QUERY_STRING': query}


@pytest.mark.parametrize('path, query', [('/v3/users', 'name=%C3%A9t%C3%A9'),
                                         ('/servers/\xc3\xa9', ''), ('/x', 'a=%zz&b')])
def test_utf8_urls_pass(path, query):
    request.check_url(_environ(path, query))


@pytest.mark.parametrize('path, query', [('/servers/\xff\xfe', ''), ('/x', 'name=%ff'),
                                         ('/x', 'name=\xff')])
def test_urls_that_are_not_utf8_are_malformed(path, query):
    with pytest.raises(errors.MalformedURL):
        request.check_url(_environ(path, query))


def test_loggable_path_never_raises():
    assert request.loggable_path(_environ('/a/\xc3\xa9', 'x=1')) == '/a/\xe9?x=1'
    assert request.loggable_path(_environ('/a/\xff')) == '/a/%FF'


def _chunked(data):
    req = webob.Request.blank('/', method='POST')
    req.headers['Transfer-Encoding'] = 'chunked'
    req.environ.pop('CONTENT_LENGTH', None)
    req.body_file_raw = io.BytesIO(data)
    return req


def test_chunked_body_is_read_and_kept():
    req = _chunked(b'{"a": 1}')
    assert request.is_chunked(req)
    assert request.read_body(req) == b'{"a": 1}'
    assert req.content_length == 8 and req.body == b'{"a": 1}'


def test_limit_body_refuses_sized_and_chunked_bodies_past_the_limit():
    sized = webob.Request.blank('/', method='POST', body=b'x' * 11)
    with pytest.raises(errors.PayloadTooLarge) as err:
        request.limit_body(sized, 10)
    assert err.value.params == {'limit': 10}
    with pytest.raises(errors.PayloadTooLarge):
        request.limit_body(_chunked(b'x' * 11), 10)


def test_limit_body_keeps_a_chunked_body_within_the_limit():
    req = _chunked(b'x' * 10)
    request.limit_body(req, 10)
    assert req.body == b'x' * 10


def test_no_body_reads_empty():
    assert request.read_body(webob.Request.blank('/')) == b''


def test_broken_chunks_are_a_bad_request():
    class Broken:
        def read(self, size=None):
            raise OSError('unexpected end of file while parsing chunked data')

    req = _chunked(b'')
    req.body_file_raw = Broken()
    with pytest.raises(errors.BadRequest):
        request.read_body(req)


@pytest.mark.parametrize('raw', [b'{bad', b'\xff\xfe', b'[' * 2000, b'{"a": ' * 5000])
def test_parse_json_refuses_malformed_documents(raw):
    with pytest.raises(errors.MalformedBody):
        request.parse_json(raw)


def test_parse_json_decodes_with_the_given_encoding():
    assert request.parse_json(b'{"a": "\xc3\xa9"}', encoding='utf-8') == {'a': '\xe9'}
    with pytest.raises(errors.MalformedBody):
        request.parse_json('{"a": 1}'.encode('utf-16'), encoding='utf-8')
