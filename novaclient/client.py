"""The one HTTP choke point (SessionClient) and the ``Client`` factory.

This module imports keystoneauth1; the CLI imports it only for commands
that talk to a server.
"""

import logging
import time

from keystoneauth1 import adapter
from keystoneauth1 import exceptions as ks_exceptions
from keystoneauth1 import session as ksession

from novaclient import api_versions
from novaclient import exceptions
from novaclient.v2 import client as v2_client

USER_AGENT = 'python-novaclient'


def _decode(resp):
    if not resp.content:
        return None
    try:
        return resp.json()
    except ValueError:
        return None


class SessionClient(adapter.Adapter):
    """keystoneauth Adapter speaking JSON with microversion headers.

    ``request`` returns ``(response, decoded_body)`` and raises the
    exception mapped from the status for any error response.
    """

    def __init__(self, *args, api_version=None, timings=False, **kwargs):
        self._pending = None
        self._renegotiable = None
        self.api_version = api_version or api_versions.APIVersion()
        if isinstance(self.api_version, str):
            self.api_version = api_versions.APIVersion(self.api_version)
        self.timings = timings
        self.times = []
        super().__init__(*args, **kwargs)

    @property
    def api_version(self):
        """The microversion in use; a pending negotiation runs on first read."""
        if self._pending is not None:
            self._negotiate()
        return self._api_version

    @api_version.setter
    def api_version(self, value):
        self._api_version = value
        self._pending = None
        self._renegotiable = None

    def negotiate(self, requested):
        """Settle the version against the server's version document later.

        ``2.latest`` (and an explicit ``2.X`` above this client's maximum)
        is negotiated before the first request that needs it; an explicit
        version in the client's range is sent as it is and lowered to the
        server's maximum only if the server answers 406 to it.
        """
        if requested.is_latest() or requested > api_versions.API_MAX_VERSION:
            self._api_version = api_versions.APIVersion('2.0')
            self._pending = requested
        else:
            self.api_version = requested
            self._renegotiable = requested

    def _negotiate(self):
        requested, self._pending = self._pending, None
        try:
            found = api_versions.negotiate(v2_client.Client(self), requested)
        except Exception:
            self._pending = requested
            raise
        self._api_version = found

    def _lower_after_406(self, resp):
        """After a 406 to an explicit version: use the server's maximum."""
        requested = self._renegotiable
        if requested is None or b'is not supported by the API' not in (
                resp.content or b''):
            return False
        self._renegotiable = None
        self._api_version = api_versions.APIVersion('2.0')
        try:
            found = api_versions.negotiate(v2_client.Client(self), requested)
        except exceptions.UnsupportedVersion:
            self._api_version = requested
            return False
        self._api_version = found
        return found != requested

    def request(self, url, method, **kwargs):
        headers = kwargs.setdefault('headers', {})
        headers.setdefault('Accept', 'application/json')
        service_type = kwargs.pop('service_type', None)
        if service_type:
            # NOTE: a lookup in another service (image, network): its own
            # catalog entry, no compute endpoint override, no microversion.
            kwargs['endpoint_filter'] = {'service_type': service_type}
            kwargs['endpoint_override'] = None
        else:
            api_versions.update_headers(headers, self.api_version)
        if 'body' in kwargs:
            kwargs['json'] = kwargs.pop('body')
        raise_exc = kwargs.pop('raise_exc', True)
        resp = self._send(url, method, kwargs)
        if (resp.status_code == 406 and not service_type
                and self._lower_after_406(resp)):
            for name in (api_versions.LEGACY_HEADER_NAME,
                         api_versions.HEADER_NAME):
                headers.pop(name, None)
            api_versions.update_headers(headers, self._api_version)
            resp = self._send(url, method, kwargs)
        body = _decode(resp)
        if raise_exc and resp.status_code >= 400:
            raise exceptions.from_response(resp, body, url, method)
        return resp, body

    def _send(self, url, method, kwargs):
        start = time.time()
        resp = super().request(url, method, raise_exc=False, **kwargs)
        if self.timings:
            self.times.append(('%s %s' % (method, url), start, time.time()))
        return resp

    def require_endpoint(self):
        """The endpoint of this client's service.

        :raises keystoneauth1.exceptions.EndpointNotFound: there is none (an
            auth plugin without a catalog, e.g. 'none', and no endpoint
            override), keystoneauth's own error, as novaclient raises
        """
        url = self.get_endpoint()
        if url is None:
            raise ks_exceptions.EndpointNotFound()
        return url

    def get_timings(self):
        return self.times

    def reset_timings(self):
        self.times = []


def _auth_plugin(auth_url, token=None, **kwargs):
    """A keystoneauth identity plugin for a password or a token.

    A URL ending in ``/v3`` or ``/v2.0`` picks that version's plugin
    directly (no discovery round trip); anything else uses the generic one.
    """
    # deferred: keystoneauth1.identity costs ~15 ms; given session/auth skip it
    from keystoneauth1 import identity
    path = (auth_url or '').rstrip('/')
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    if path.endswith('/v2.0'):
        module = identity.v2
        for key in list(kwargs):
            if 'domain' in key or key == 'system_scope':
                kwargs.pop(key)
        kwargs['tenant_id'] = kwargs.pop('project_id', None)
        kwargs['tenant_name'] = kwargs.pop('project_name', None)
    elif path.endswith('/v3'):
        module = identity.v3
    else:
        module = identity.generic
    if token:
        for key in ('username', 'user_id', 'password', 'user_domain_id',
                    'user_domain_name'):
            kwargs.pop(key, None)
        return module.Token(auth_url=auth_url, token=token, **kwargs)
    # NOTE: without a password novaclient still asks, with an empty one
    # (its env lookup yields ''), and the identity service answers 401.
    return module.Password(auth_url=auth_url,
                           password=kwargs.pop('password', None) or '',
                           **kwargs)


def _v3_domains(identity):
    """Default the user's and project's domains to ``default`` for v3.

    As openstackclient does: unless the auth URL names Keystone v2.0, a
    user or project given without a domain is taken from ``default``.
    """
    if 'v2.0' in (identity.get('auth_url') or ''):
        return identity
    identity = dict(identity)
    if (identity.get('project_name') or identity.get('project_id')) and not (
            identity.get('project_domain_id')
            or identity.get('project_domain_name')):
        identity['project_domain_id'] = 'default'
    if identity.get('username') and not (identity.get('user_domain_id')
                                         or identity.get('user_domain_name')):
        identity['user_domain_id'] = 'default'
    return identity


def _make_session(auth, insecure=False, cacert=None, cert=None, timeout=None,
                  collect_timing=False):
    return ksession.Session(auth=auth, verify=cacert or not insecure,
                            cert=cert, timeout=timeout, user_agent=USER_AGENT,
                            collect_timing=collect_timing)


def Client(version, username=None, password=None, project_id=None,
           auth_url=None, **kwargs):
    """Build a v2 compute client.

    ``client.Client('2.60', 'demo', 's3cret', PROJECT_ID, 'http://ks/v3')``
    authenticates with a password (against Keystone v3 the user's and the
    project's domain default to ``default`` when none is given);
    ``client.Client('2.latest', session=keystone_session)`` reuses an
    existing keystoneauth session.

    :param version: ``'2'``, ``'2.X'``, ``'2.latest'`` or an APIVersion;
        ``2.latest`` and a ``2.X`` beyond what the server (or this client)
        speaks are settled against the server's version document before the
        first request that needs a version
    :param kwargs: project_name, user_id, *_domain_*, auth_token, session,
        auth, endpoint_type (interface), region_name, service_type,
        service_name, endpoint_override, insecure, cacert, cert, timeout,
        timings, logger, http_log_debug
    :returns: :class:`novaclient.v2.client.Client`
    """
    if not isinstance(version, api_versions.APIVersion):
        version = api_versions.get_api_version(version)
    api_versions.check_major_version(version)
    negotiable = version.is_latest() or version > api_versions.APIVersion(
        '2.0')
    http = _http_client(api_versions.APIVersion('2.0') if negotiable
                        else version, username=username, password=password,
                        project_id=project_id, auth_url=auth_url, **kwargs)
    if negotiable:
        http.negotiate(version)
    return v2_client.Client(http)


def _http_client(api_version, session=None, auth=None, auth_token=None,
                 endpoint_type='publicURL', region_name=None,
                 service_type='compute', service_name=None,
                 endpoint_override=None, insecure=False, cacert=None,
                 cert=None, timeout=None, timings=False, logger=None,
                 http_log_debug=False, collect_timing=False, **identity):
    if session is None:
        if auth is None:
            auth = _auth_plugin(token=auth_token, **_v3_domains(identity))
        session = _make_session(auth, insecure, cacert, cert, timeout,
                                collect_timing)
    if http_log_debug and logger is None:
        logger = logging.getLogger('keystoneauth.session')
    return SessionClient(session=session, auth=auth, interface=endpoint_type,
                         region_name=region_name, service_type=service_type,
                         service_name=service_name,
                         endpoint_override=endpoint_override,
                         user_agent=USER_AGENT, logger=logger,
                         api_version=api_version, timings=timings)
