"""Block-storage microversions: ``OpenStack-API-Version: volume 3.x``, 3.0 to 3.71.

History (what this endpoint implements of each):

* 3.0 volumes, types, snapshots, actions, quotas, limits, availability zones
* 3.13 ``group_id`` in volumes; 3.14 ``group_snapshot_id`` in snapshots
* 3.21 ``provider_id`` (admin); 3.23 ``force`` on volume delete
* 3.27 the attachments API; 3.41 snapshot ``user_id``; 3.42 extend of in-use volumes
* 3.44 attachment ``os-complete``; 3.45 ``count`` in lists; 3.48 ``shared_targets``,
  ``service_uuid``; 3.50 multiattach; 3.54 attachment ``mode``
* 3.61 ``cluster_name`` (admin); 3.63 ``volume_type_id``; 3.65 ``consumes_quota``;
  3.66 snapshots of in-use volumes without ``force``; 3.69 ``shared_targets`` null
"""

import re

from novaapi.web import errors

MIN = (3, 0)
MAX = (3, 71)
HEADER = 'OpenStack-API-Version'
LEGACY_HEADER = 'OpenStack-Volume-microversion'
SERVICE = 'volume'
_FORMAT = re.compile(r'^([1-9]\d*)\.([1-9]\d*|0)$')


def text(version):
    return '%d.%d' % version


def _requested(req):
    for value in req.headers.getall(HEADER) if hasattr(req.headers, 'getall') \
            else [req.headers.get(HEADER)]:
        for item in (value or '').split(','):
            parts = item.strip().split()
            if len(parts) == 2 and parts[0].lower() == SERVICE:
                return parts[1]
    return req.headers.get(LEGACY_HEADER)


def from_request(req):
    """The ``(3, minor)`` the request asks for (3.0 without a header).

    :raises errors.HTTPError: 400 for a malformed version, 406 outside 3.0-3.71
    """
    wanted = _requested(req)
    if wanted is None:
        return MIN
    wanted = wanted.strip()
    if wanted.lower() == 'latest':
        return MAX
    match = _FORMAT.match(wanted)
    if not match:
        raise errors.ApiError(400, 'API Version String %s is of invalid format. Must be of format '
                                'MajorNum.MinorNum.' % wanted)
    version = (int(match.group(1)), int(match.group(2)))
    if not MIN <= version <= MAX:
        raise errors.ApiError(406, 'Version %s is not supported by the API. Minimum is %s and '
                              'maximum is %s.' % (wanted, text(MIN), text(MAX)))
    return version


def headers(version):
    return [(HEADER, '%s %s' % (SERVICE, text(version))), ('Vary', HEADER)]
