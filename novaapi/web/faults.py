"""Error bodies in the four wire formats the endpoints speak, chosen by name.

* ``nova`` - ``{"badRequest": {"code": 400, "message": ...}}`` (compute);
* ``keystone`` - ``{"error": {"code", "title", "message"}}`` (identity, and the
  401 keystonemiddleware answers in front of image and network);
* ``glance`` - a WebOb HTTP exception, plain, HTML or JSON after ``Accept``;
* ``neutron`` - ``{"NeutronError": {"type", "message", "detail"}}``;
* ``cinder`` - ``{"itemNotFound": {"message": ..., "code": 404}}`` (block storage).

Each format words the kit's errors its own way (by the error's ``key``); a
message given to the error is shown as is.
"""

import http.client
import json

import webob
import webob.exc

from novaapi.web import responses

NOVA_NAMES = {
    400: 'badRequest',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'itemNotFound',
    405: 'badMethod',
    409: 'conflictingRequest',
    413: 'overLimit',
    415: 'badMediaType',
    429: 'overLimit',
    501: 'notImplemented',
    503: 'serviceUnavailable',
}
NOVA_UNEXPECTED = ('Unexpected API Error. Please report this at '
                   'http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.')
KEYSTONE_UNEXPECTED = 'An unexpected error prevented the server from fulfilling your request.'
OPENSTACK_UNEXPECTED = 'Request Failed: internal server error while processing your request.'


class Format:
    """One wire format: how a body is built and how the kit's errors are worded.

    :param build: ``build(req, err, message)`` returning a :class:`webob.Response`
    :param wording: ``{error key: text}`` overriding the errors' default ``text``
    :param blank_head: answer HEAD with an empty body (the identity, image and
        network endpoints do; compute leaves it to the server)
    """

    def __init__(self, name, build, wording=None, blank_head=True):
        self.name = name
        self.build = build
        self.wording = dict(wording or {})
        self.blank_head = blank_head

    def message(self, err):
        """The text shown for ``err``: its own message, else this format's wording."""
        if err.message is not None:
            return err.message
        text = self.wording.get(err.key, err.text)
        return text % err.params if err.params else text

    def render(self, req, err):
        """The response for ``err`` (an :class:`~novaapi.web.errors.HTTPError`)."""
        resp = self.build(req, err, self.message(err))
        for name, value in err.headers:
            resp.headers.add(name, value)
        if self.blank_head and req is not None and req.method == 'HEAD':
            resp.body = b''
        return resp

    def __call__(self, req, err):
        return self.render(req, err)

    def __repr__(self):
        return '<Format %s>' % self.name


def nova_response(status, message):
    """Nova's fault body: ``{"<name>": {"code": N, "message": "..."}}``."""
    name = NOVA_NAMES.get(status, 'computeFault')
    resp = webob.Response(status=status)
    resp.body = json.dumps({name: {'code': status, 'message': message}}).encode()
    resp.headers['Content-Type'] = 'application/json; charset=UTF-8'
    return resp


def keystone_body(code, message):
    return {'error': {'code': code, 'title': http.client.responses[code], 'message': message}}


def _nova(req, err, message):
    return nova_response(err.code, message)


def _keystone(req, err, message):
    return responses.json_response(keystone_body(err.code, message), status=err.code)


def _glance(req, err, message):
    error_class = webob.exc.status_map.get(err.code, webob.exc.HTTPInternalServerError)
    req = req if req is not None else webob.Request.blank('/')
    return req.get_response(error_class(explanation=message))


def _neutron(req, err, message):
    return responses.json_response(
        {'NeutronError': {'type': err.kind or 'HTTPError', 'message': message, 'detail': ''}},
        status=err.code)


NOVA = Format('nova', _nova, blank_head=False, wording={
    'unexpected': NOVA_UNEXPECTED,
    'too_large': 'Request is too large. Larger than max_request_body_size (%(limit)d).',
})
KEYSTONE = Format('keystone', _keystone, wording={
    'unexpected': KEYSTONE_UNEXPECTED,
    'malformed_body': ('Expecting to find valid JSON in request body. The server could not comply'
                       ' with the request since it is either malformed or otherwise incorrect.'
                       ' The client is assumed to be in error.'),
})
GLANCE = Format('glance', _glance, wording={
    'unexpected': OPENSTACK_UNEXPECTED,
    'malformed_body': 'Malformed JSON in request body.',
})
NEUTRON = Format('neutron', _neutron, wording={
    'unexpected': OPENSTACK_UNEXPECTED,
    'malformed_body': 'Malformed JSON in request body.',
})

CINDER_UNEXPECTED = ('The server has either erred or is incapable of performing the requested '
                     'operation.')


def _cinder(req, err, message):
    """Cinder's fault body: Nova's names, ``message`` before ``code``."""
    name = NOVA_NAMES.get(err.code, 'computeFault')
    fault = {'message': message, 'code': err.code}
    retry = dict(err.headers).get('Retry-After')
    if err.code in (413, 429) and retry is not None:
        fault['retryAfter'] = retry
    return responses.json_response({name: fault}, status=err.code)


CINDER = Format('cinder', _cinder, wording={
    'unexpected': CINDER_UNEXPECTED,
    'malformed_body': 'Malformed request body',
    'not_found': 'The resource could not be found.',
})

FORMATS = {fmt.name: fmt for fmt in (NOVA, KEYSTONE, GLANCE, NEUTRON, CINDER)}


def get(name):
    """The format called ``name``, as a paste filter's ``error_format`` option names it.

    :raises ValueError: for an unknown name.
    """
    if isinstance(name, Format):
        return name
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError('unknown error_format %r: expected one of %s'
                         % (name, ', '.join(sorted(FORMATS)))) from None
