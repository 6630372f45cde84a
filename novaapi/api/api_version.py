"""Compute API microversions: the supported window, header parsing and history.

History (one line per microversion; what a client can observe):

* 2.1 - base API, strict request validation
* 2.2 - keypair type; keypair create 201, delete 204
* 2.3 - more extended server attributes for admins
* 2.4 - reserved flag on fixed IPs
* 2.5 - ip6 server filter for non-admins
* 2.6 - remote-consoles API replaces the console actions
* 2.7 - keypair type check on server create
* 2.8 - mks remote console protocol
* 2.9 - locked in server views
* 2.10 - admins manage keypairs of other users
* 2.11 - forced_down on services
* 2.12 - VIF net_id
* 2.13 - server group project_id and user_id
* 2.14 - evacuate without onSharedStorage
* 2.15 - soft-affinity and soft-anti-affinity policies
* 2.16 - host_status in server views
* 2.17 - trigger_crash_dump action
* 2.18 - project id optional in URLs
* 2.19 - server description
* 2.20 - volume attach on shelved servers
* 2.21 - instance actions of deleted servers
* 2.22 - force_complete on live migrations
* 2.23 - server migrations list and show
* 2.24 - abort live migrations
* 2.25 - live migration block_migration auto
* 2.26 - server tags
* 2.27 - OpenStack-API-Version header
* 2.28 - hypervisor cpu_info as an object
* 2.29 - force flag on evacuate
* 2.30 - force flag on live migration
* 2.31 - console auth tokens for serial consoles
* 2.32 - device tags on networks and volumes
* 2.33 - hypervisor pagination
* 2.34 - asynchronous live migration pre-checks
* 2.35 - keypair pagination
* 2.36 - proxy APIs removed
* 2.37 - networks required on server create
* 2.38 - invalid server status filter is a 400
* 2.39 - image metadata proxy removed
* 2.40 - simple tenant usage pagination
* 2.41 - aggregate uuid
* 2.42 - device tags restored
* 2.43 - os-hosts removed
* 2.44 - fixed and floating IP actions removed
* 2.45 - createImage and createBackup return the image id
* 2.46 - request id in every response
* 2.47 - embedded flavor in server views
* 2.48 - standard server diagnostics
* 2.49 - tagged volume attach
* 2.50 - server group quotas in quota classes
* 2.51 - volume-extended external events
* 2.52 - tags on server create
* 2.53 - service and hypervisor UUIDs
* 2.54 - key_name on rebuild
* 2.55 - flavor description
* 2.56 - migrate to a host
* 2.57 - personality removed; user_data on rebuild
* 2.58 - instance action pagination
* 2.59 - migration pagination
* 2.60 - multiattach volumes
* 2.61 - extra specs in flavor views
* 2.62 - host and hostId in instance action events
* 2.63 - trusted image certificates
* 2.64 - server group policy and rules
* 2.65 - abort queued live migrations
* 2.66 - changes-before filter
* 2.67 - volume_type in block device mappings
* 2.68 - forced evacuate and live migration removed
* 2.69 - minimal views for down cells
* 2.70 - device tags in interfaces and volume attachments
* 2.71 - server_groups in server show
* 2.72 - ports with resource requests
* 2.73 - locked_reason
* 2.74 - host and hypervisor_hostname on create
* 2.75 - unknown query parameters rejected; full server on update and rebuild
* 2.76 - power-update external event
* 2.77 - availability zone on unshelve
* 2.78 - server topology
* 2.79 - delete_on_termination on volume attach
* 2.80 - migration user and project filters
* 2.81 - image pre-caching on aggregates
* 2.82 - accelerator-request-bound event
* 2.83 - more server filters for non-admins
* 2.84 - details in instance action events
* 2.85 - delete_on_termination update on volume attachments
* 2.86 - extra spec validation
* 2.87 - stable device rescue
* 2.88 - hypervisor statistics and uptime removed
* 2.89 - attachment_id and bdm_uuid in volume attachments
* 2.90 - hostname on create, update and rebuild
* 2.91 - unshelve to a host
* 2.92 - keypair generation removed
* 2.93 - rebuild of volume-backed servers
* 2.94 - FQDN hostnames
* 2.95 - evacuate leaves the server stopped
* 2.96 - pinned_availability_zone
* 2.97 - server shares
* 2.98 - image properties in server views
* 2.99 - spice-direct consoles
* 2.100 - scheduler_hints in server views
* 2.101 - volume attach answers 202 without a body
* 2.102 - flavor name filter; rxtx_factor and disabled dropped; unknown query parameters rejected everywhere
* 2.103 - os-volumes_boot removed
* 2.104 - pinned_availability_zone settable on update
"""

import functools
import re

MIN_VERSION = '2.1'
MAX_VERSION = '2.104'
DEFAULT_VERSION = MIN_VERSION

HEADER = 'OpenStack-API-Version'
LEGACY_HEADER = 'X-OpenStack-Nova-API-Version'
SERVICE_TYPE = 'compute'

_FORMAT = re.compile(r'^([1-9]\d*)\.([1-9]\d*|0)$')


class InvalidFormat(ValueError):
    pass


class NotAcceptable(ValueError):
    """Out of range; ``version`` is what was asked for (the 406 still names it in its headers)."""

    def __init__(self, message, version=None):
        super().__init__(message)
        self.version = version


@functools.total_ordering
class APIVersion:
    """A parsed ``major.minor`` microversion, comparable with others and with strings."""

    __slots__ = ('major', 'minor')

    def __init__(self, text):
        match = _FORMAT.match(text or '')
        if not match:
            raise InvalidFormat(
                'API Version String %s is of invalid format. Must be of format '
                'MajorNum.MinorNum.' % text)
        self.major = int(match.group(1))
        self.minor = int(match.group(2))

    def _key(self):
        return self.major, self.minor

    def __eq__(self, other):
        return self._key() == _key(other)

    def __lt__(self, other):
        return self._key() < _key(other)

    def __hash__(self):
        return hash(self._key())

    def __str__(self):
        return '%d.%d' % (self.major, self.minor)

    __repr__ = __str__

    def matches(self, min_version=None, max_version=None):
        """True when this version lies within the inclusive window."""
        key = self.major, self.minor
        if min_version is not None and key < _key(min_version):
            return False
        if max_version is not None and key > _key(max_version):
            return False
        return True


@functools.lru_cache(maxsize=1024)
def _parsed(text):
    version = APIVersion(text)
    return version.major, version.minor


def _key(other):
    """``(major, minor)`` of a version or of its text (texts parsed once: views compare often)."""
    return other._key() if isinstance(other, APIVersion) else _parsed(other)


MIN = APIVersion(MIN_VERSION)
MAX = APIVersion(MAX_VERSION)


def _requested(headers):
    """The raw version string asked for, or None when no header names one."""
    value = headers.get(HEADER)
    if value:
        # "compute 2.60", possibly several services comma separated.
        for part in value.split(','):
            words = part.strip().split()
            if len(words) == 2 and words[0].lower() == SERVICE_TYPE:
                return words[1]
    return headers.get(LEGACY_HEADER) or None


def from_headers(headers):
    """Parse the request's microversion; raise InvalidFormat (400) or NotAcceptable (406)."""
    text = _requested(headers)
    if text is None:
        return APIVersion(DEFAULT_VERSION)
    if text.strip().lower() == 'latest':
        return MAX
    version = APIVersion(text.strip())
    if not version.matches(MIN, MAX):
        raise NotAcceptable(
            'Version %s is not supported by the API. Minimum is %s and maximum is %s.'
            % (version, MIN_VERSION, MAX_VERSION), version)
    return version


def response_headers(version):
    """Headers every versioned response carries (two separate Vary lines, as Nova sends)."""
    return [(HEADER, '%s %s' % (SERVICE_TYPE, version)),
            (LEGACY_HEADER, str(version)),
            ('Vary', HEADER),
            ('Vary', LEGACY_HEADER)]
