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
        self.api_version = api_version or api_versions.APIVersion()
        if isinstance(self.api_version, str):
            self.api_version = api_versions.APIVersion(self.api_version)
        self.timings = timings
        self.times = []
        super().__init__(*args, **kwargs)

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
        start = time.time()
        resp = super().request(url, method, raise_exc=False, **kwargs)
        if self.timings:
            self.times.append(('%s %s' % (method, url), start, time.time()))
        body = _decode(resp)
        if raise_exc and resp.status_code >= 400:
            raise exceptions.from_response(resp, body, url, method)
        return resp, body

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


def _make_session(auth, insecure=False, cacert=None, cert=None, timeout=None,
                  collect_timing=False):
    return ksession.Session(auth=auth, verify=cacert or not insecure,
                            cert=cert, timeout=timeout, user_agent=USER_AGENT,
                            collect_timing=collect_timing)


def Client(version, username=None, password=None, project_name=None,
           auth_url=None, **kwargs):
    """Build a v2 compute client.

    ``client.Client('2.60', 'demo', 's3cret', 'demo', 'http://ks/v3')``
    authenticates with a password; ``client.Client('2.60',
    session=keystone_session)`` reuses an existing keystoneauth session.

    :param version: ``'2'``, ``'2.X'`` or an APIVersion (not ``latest``)
    :param kwargs: project_id, user_id, *_domain_*, auth_token, session,
        auth, endpoint_type (interface), region_name, service_type,
        service_name, endpoint_override, insecure, cacert, cert, timeout,
        timings, logger, http_log_debug
    :returns: :class:`novaclient.v2.client.Client`
    """
    if not isinstance(version, api_versions.APIVersion):
        version = api_versions.get_api_version(version)
    api_versions.check_major_version(version)
    if version.is_latest():
        raise exceptions.UnsupportedVersion(
            'The version should be explicit, not latest.')
    http = _http_client(version, username=username, password=password,
                        project_name=project_name, auth_url=auth_url, **kwargs)
    return v2_client.Client(http)


def _http_client(api_version, session=None, auth=None, auth_token=None,
                 endpoint_type='publicURL', region_name=None,
                 service_type='compute', service_name=None,
                 endpoint_override=None, insecure=False, cacert=None,
                 cert=None, timeout=None, timings=False, logger=None,
                 http_log_debug=False, collect_timing=False, **identity):
    if session is None:
        if auth is None:
            auth = _auth_plugin(token=auth_token, **identity)
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
