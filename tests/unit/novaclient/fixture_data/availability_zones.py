"""Zones 'nova' (one compute host) and 'internal'."""

from . import HEADERS
from . import url

DETAIL = [
    {'zoneName': 'internal', 'zoneState': {'available': True}, 'hosts': {
        'ctl': {'nova-conductor': {'active': True, 'available': True,
                                   'updated_at': '2026-11-22T00:00:00.000000'},
                'nova-scheduler': {'active': True, 'available': False,
                                   'updated_at': None}}}},
    {'zoneName': 'nova', 'zoneState': {'available': True}, 'hosts': {
        'cmp1': {'nova-compute': {'active': False, 'available': True,
                                  'updated_at': '2026-11-22T00:00:00.000000'}}}},
    {'zoneName': 'broken', 'zoneState': {'available': False}, 'hosts': None},
]


def register(m):
    m.get(url('/os-availability-zone/detail'), headers=HEADERS,
          json={'availabilityZoneInfo': DETAIL})
    m.get(url('/os-availability-zone'), headers=HEADERS, json={
        'availabilityZoneInfo': [dict(z, hosts=None) for z in DETAIL[1:]]})
