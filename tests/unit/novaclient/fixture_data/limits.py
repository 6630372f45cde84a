"""Absolute limits at 2.57+ (plus one custom key)."""

from . import HEADERS
from . import url

ABSOLUTE = {'maxServerMeta': 128, 'maxTotalCores': 20,
            'maxTotalInstances': 10, 'maxTotalKeypairs': 100,
            'maxTotalRAMSize': 51200, 'maxServerGroups': 10,
            'maxServerGroupMembers': 10, 'totalCoresUsed': 2,
            'totalInstancesUsed': 1, 'totalRAMUsed': 1024,
            'totalServerGroupsUsed': 0}


def register(m):
    m.get(url('/limits'), headers=HEADERS,
          json={'limits': {'rate': [], 'absolute': ABSOLUTE}})
    custom = dict(ABSOLUTE, maxWidgets=3)
    m.get(url('/limits?tenant_id=other'), headers=HEADERS,
          json={'limits': {'rate': [], 'absolute': custom}})
