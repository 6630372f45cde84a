"""Compute API microversions: parsing, negotiation, headers, and ``wraps``.

Microversions the client reacts to (one line each; the rest pass through):

* 2.1  base API (the 2.0 feature set with strict input validation)
* 2.2  keypair ``type``
* 2.3  extended server attributes in show
* 2.6  ``remote-consoles`` replaces the os-get*Console actions
* 2.8  MKS consoles
* 2.9  server ``locked``
* 2.10 keypairs of other users (``user_id``)
* 2.11 service force-down
* 2.14 evacuate without ``onSharedStorage``
* 2.15 soft-(anti-)affinity server group policies
* 2.16 server ``host_status``
* 2.17 trigger-crash-dump
* 2.19 server ``description``
* 2.22 live-migration force-complete
* 2.23 server migrations list/show
* 2.24 live-migration abort
* 2.25 live-migration ``block_migration`` may be ``auto``; no disk_over_commit
* 2.26 server tags
* 2.27 ``OpenStack-API-Version`` header
* 2.29 evacuate ``force``
* 2.30 live-migration ``force``
* 2.32 device tags on boot (2.32 only for BDMs; NICs 2.32-2.36)
* 2.35 keypair pagination
* 2.36 proxy APIs (images, networks, ...) removed; quota/limit network keys gone
* 2.37 ``networks`` required on boot (``auto``/``none``)
* 2.40 usage pagination
* 2.41 aggregate ``uuid``
* 2.42 device tags on boot again
* 2.45 createImage/createBackup return ``image_id``
* 2.47 embedded flavor in server show
* 2.49 volume attach ``tag``
* 2.50 quota classes drop network keys
* 2.52 tags on boot
* 2.53 service and hypervisor UUIDs
* 2.54 rebuild ``key_name``
* 2.55 flavor ``description`` and flavor update
* 2.56 migrate to a ``host``
* 2.57 personality files removed; rebuild ``user_data``
* 2.59 migrations pagination and ``uuid``
* 2.60 multiattach volumes
* 2.61 flavor ``extra_specs`` embedded
* 2.62 instance action event ``host``/``hostId``
* 2.63 trusted image certificates
* 2.64 server group ``policy``/``rules``
* 2.65 abort queued live migrations
* 2.66 ``changes-before`` filter
* 2.67 BDM ``volume_type``
* 2.68 evacuate/live-migrate without ``force``
* 2.70 device tags in interface and volume attachment listings
* 2.71 ``server_groups`` in server show
* 2.73 lock reason; ``locked`` filter
* 2.74 ``host``/``hypervisor_hostname`` on boot
* 2.75 strict query and body validation
* 2.77 unshelve ``availability_zone``
* 2.78 server topology
* 2.79 volume attach ``delete_on_termination``
* 2.80 migrations ``user_id``/``project_id`` filters
* 2.81 aggregate image caching
* 2.85 volume attachment update ``delete_on_termination``
* 2.88 hypervisor statistics/uptime folded into hypervisor show
* 2.89 volume attachment ``attachment_id``/``bdm_uuid``
* 2.90 server ``hostname``
* 2.91 unshelve to ``host``; unpin availability zone
* 2.92 keypair generation removed
* 2.93 rebuild volume-backed servers
* 2.95 evacuate leaves the server stopped
* 2.96 ``pinned_availability_zone``
* 2.98 image properties embedded in server show
* 2.100 ``scheduler_hints`` in server show
* 2.101 volume attach answers 202
* 2.102 flavor ``name`` filter; ``rxtx_factor`` removed; unknown query keys rejected
* 2.103 ``os-volumes_boot`` removed
* 2.104 update ``pinned_availability_zone``
"""

import functools
import re

from novaclient import exceptions

LEGACY_HEADER_NAME = 'X-OpenStack-Nova-API-Version'
HEADER_NAME = 'OpenStack-API-Version'
SERVICE_TYPE = 'compute'

_VERSION_RE = re.compile(r'^([1-9]\d*)\.([1-9]\d*|0|latest)$')
_LATEST = float('inf')
# wraps() registry: '<module>.<qualname>' -> [VersionedMethod, ...]
_SUBSTITUTIONS = {}


@functools.total_ordering
class APIVersion:
    """A ``major.minor`` API version; ``X.latest`` has an infinite minor."""

    def __init__(self, version_str=None):
        self.ver_major = 0
        self.ver_minor = 0
        if version_str is None:
            return
        match = _VERSION_RE.match(version_str)
        if not match:
            raise exceptions.UnsupportedVersion(
                "Invalid format of client version '%s'. Expected format "
                "'X.Y', where X is a major part and Y is a minor part of "
                "version." % version_str)
        self.ver_major = int(match.group(1))
        minor = match.group(2)
        self.ver_minor = _LATEST if minor == 'latest' else int(minor)

    def __repr__(self):
        if self.is_null():
            return '<APIVersion: null>'
        return '<APIVersion: %s>' % self.get_string()

    def _key(self, other):
        if not isinstance(other, APIVersion):
            raise TypeError("'%s' should be an instance of '%s'"
                            % (other, type(self)))
        return (other.ver_major, other.ver_minor)

    def __eq__(self, other):
        return self._key(self) == self._key(other)

    def __lt__(self, other):
        return self._key(self) < self._key(other)

    def __hash__(self):
        return hash((self.ver_major, self.ver_minor))

    def is_null(self):
        return self.ver_major == 0 and self.ver_minor == 0

    def is_latest(self):
        return self.ver_minor == _LATEST

    def matches(self, min_version, max_version):
        """Whether ``min_version <= self <= max_version``; null = unbounded."""
        if self.is_null():
            raise ValueError("Null APIVersion doesn't support 'matches'.")
        if not min_version.is_null() and self < min_version:
            return False
        if not max_version.is_null() and self > max_version:
            return False
        return True

    def get_string(self):
        if self.is_null():
            raise ValueError('Null APIVersion cannot be converted to string.')
        if self.is_latest():
            return '%s.latest' % self.ver_major
        return '%s.%s' % (self.ver_major, self.ver_minor)

    __str__ = get_string


#: Oldest microversion this client can talk.
API_MIN_VERSION = APIVersion('2.1')
#: Newest microversion this client knows (Nova 34.0.0, 2026.2).
API_MAX_VERSION = APIVersion('2.104')


def check_major_version(api_version):
    """Reject any major version other than 2.

    :raises UnsupportedVersion: for a non-null version whose major isn't 2
    """
    if not api_version.is_null() and api_version.ver_major != 2:
        raise exceptions.UnsupportedVersion(
            "Invalid client version '%s'. Major part should be '2'"
            % api_version.get_string())


def get_api_version(version_string):
    """Parse ``2``, ``2.X`` or ``2.latest`` into a checked APIVersion."""
    version_string = str(version_string)
    if version_string.isdigit():
        version_string += '.0'
    api_version = APIVersion(version_string)
    check_major_version(api_version)
    return api_version


def check_client_range(api_version):
    """Raise CommandError when an explicit 2.X is outside the client range."""
    if (api_version.is_latest() or api_version <= APIVersion('2.0')
            or api_version.matches(API_MIN_VERSION, API_MAX_VERSION)):
        return
    raise exceptions.CommandError(
        "The specified version isn't supported by client. The valid version "
        "range is '%s' to '%s'" % (API_MIN_VERSION.get_string(),
                                   API_MAX_VERSION.get_string()))


def server_range(client):
    """``(min, max)`` APIVersions of the server's version document (null
    versions when it has no microversions or the document was refused)."""
    version = client.versions.get_current()
    if version is None or not getattr(version, 'version', None):
        return APIVersion(), APIVersion()
    return APIVersion(version.min_version), APIVersion(version.version)


def _range_error(prefix, server_low, server_high):
    return exceptions.UnsupportedVersion(
        "Server version is too %s. The client valid version range is "
        "'%s' to '%s'. The server valid version range is '%s' to '%s'."
        % (prefix, API_MIN_VERSION.get_string(), API_MAX_VERSION.get_string(),
           server_low.get_string(), server_high.get_string()))


def discover_version(client, requested_version, known_range=None):
    """Negotiate the version to use against the server's version document.

    :param client: a v2 client (its ``versions`` manager is used)
    :param requested_version: the APIVersion the user asked for
    :param known_range: the server's ``(min, max)`` when already known
        (the token cache); then no request is made
    :returns: the APIVersion to use
    :raises UnsupportedVersion: when client, request and server disagree
    """
    server_low, server_high = known_range or server_range(client)
    no_microversions = server_low.is_null() and server_high.is_null()
    if requested_version == APIVersion('2.0'):
        if no_microversions or server_low == APIVersion('2.1'):
            return requested_version
        raise exceptions.UnsupportedVersion(
            "The server isn't backward compatible with Nova V2 REST API")
    if not requested_version.is_latest():
        if no_microversions:
            raise exceptions.UnsupportedVersion(
                "Server doesn't support microversions")
        if not requested_version.matches(server_low, server_high):
            raise exceptions.UnsupportedVersion(
                "The specified version isn't supported by server. The valid "
                "version range is '%s' to '%s'"
                % (server_low.get_string(), server_high.get_string()))
        return requested_version
    if no_microversions:
        return APIVersion('2.0')
    if API_MIN_VERSION > server_high:
        raise _range_error('old', server_low, server_high)
    if API_MAX_VERSION < server_low:
        raise _range_error('new', server_low, server_high)
    return min(API_MAX_VERSION, server_high)


def negotiate(client, requested_version):
    """The newest version both sides speak, at most ``requested_version``.

    What the library does for ``2.latest`` and for an explicit version the
    server (or this client) does not reach: the ceiling is lowered to the
    server's and the client's maxima instead of failing.

    :param client: a v2 client (its ``versions`` manager is used)
    :returns: the APIVersion to use
    :raises UnsupportedVersion: the server and the client share no version
    """
    if requested_version.is_latest():
        return discover_version(client, requested_version)
    server_low, server_high = server_range(client)
    if server_low.is_null() and server_high.is_null():
        return APIVersion('2.0')
    if API_MIN_VERSION > server_high:
        raise _range_error('old', server_low, server_high)
    if API_MAX_VERSION < server_low:
        raise _range_error('new', server_low, server_high)
    found = min(requested_version, API_MAX_VERSION, server_high)
    if found < server_low:
        raise exceptions.UnsupportedVersion(
            "The specified version isn't supported by server. The valid "
            "version range is '%s' to '%s'"
            % (server_low.get_string(), server_high.get_string()))
    return found


def update_headers(headers, api_version):
    """Add the microversion request headers for ``api_version``."""
    if api_version.is_null() or api_version.ver_minor == 0:
        return
    version = api_version.get_string()
    headers[LEGACY_HEADER_NAME] = version
    if api_version.ver_minor >= 27:
        headers[HEADER_NAME] = '%s %s' % (SERVICE_TYPE, version)


class VersionedMethod:
    """One variant of a versioned function and its inclusive version window."""

    def __init__(self, name, start_version, end_version, func):
        self.name = name
        self.start_version = start_version
        self.end_version = end_version
        self.func = func

    def __repr__(self):
        return '<VersionedMethod %s %s-%s>' % (
            self.name, self.start_version, self.end_version)


def get_substitutions(func_or_name, api_version=None):
    """Variants registered for a ``wraps``-decorated function.

    :param func_or_name: the decorated function or its registry name
    :param api_version: when given, keep only the variants matching it
    :returns: variants sorted by start version
    """
    name = getattr(func_or_name, '__id__', func_or_name)
    methods = sorted(_SUBSTITUTIONS.get(name, []),
                     key=lambda m: m.start_version)
    if api_version is not None and not api_version.is_null():
        methods = [m for m in methods
                   if api_version.matches(m.start_version, m.end_version)]
    return methods


def wraps(start_version, end_version=None):
    """Register a variant of a function for a window of microversions.

    Several definitions of the same function (same module and qualified
    name) may be decorated; a call runs the newest variant whose window
    holds ``args[0].api_version`` (a manager, resource or client).
    """
    start = APIVersion(start_version)
    end = (APIVersion(end_version) if end_version
           else APIVersion('%s.latest' % start.ver_major))

    def decorator(func):
        name = '%s.%s' % (func.__module__, func.__qualname__)
        _SUBSTITUTIONS.setdefault(name, []).append(
            VersionedMethod(name, start, end, func))
        func.versioned = True
        if not hasattr(func, 'arguments'):
            func.arguments = []

        @functools.wraps(func)
        def dispatch(obj, *args, **kwargs):
            methods = get_substitutions(name, obj.api_version)
            if not methods:
                raise exceptions.VersionNotFoundForAPIMethod(
                    obj.api_version.get_string(), name)
            return methods[-1].func(obj, *args, **kwargs)

        dispatch.__id__ = name
        dispatch.versioned = True
        dispatch.arguments = func.arguments
        return dispatch

    return decorator
