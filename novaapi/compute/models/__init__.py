"""The compute tables, one module per resource; every model is also importable from here.

The tables register with the one declarative registry, ``novaapi.db.base.Base``.
"""

from novaapi.compute.models.aggregates import Aggregate, AggregateHost, AggregateMetadata
from novaapi.compute.models.behaviours import Behaviour
from novaapi.compute.models.flavors import Flavor, FlavorExtraSpec, FlavorProject
from novaapi.compute.models.instances import (
    BlockDeviceMapping, ComputeNode, ConsoleAuthToken, Instance, InstanceAction,
    InstanceActionEvent, InstanceFault, InstanceMetadata, InstancePassword,
    InstanceSystemMetadata, Migration, Tag)
from novaapi.compute.models.keypairs import KeyPair
from novaapi.compute.models.quotas import ProjectUserQuota, Quota, QuotaClass, QuotaLock
from novaapi.compute.models.server_groups import ServerGroup, ServerGroupMember
from novaapi.compute.models.services import Service
from novaapi.db import generations

# A write to any table a server view reads bumps this generation: each worker keeps the
# views' rows and extras it read (compute.instances) while it holds.
GENERATION = 'servers'
generations.watch(GENERATION, [model.__tablename__ for model in (
    Instance, InstanceMetadata, InstanceSystemMetadata, Tag, ServerGroup, ServerGroupMember,
    BlockDeviceMapping, ComputeNode, InstanceFault)])

__all__ = [
    'Aggregate', 'AggregateHost', 'AggregateMetadata', 'Behaviour', 'BlockDeviceMapping', 'ComputeNode',
    'ConsoleAuthToken', 'Flavor', 'FlavorExtraSpec', 'FlavorProject', 'Instance',
    'InstanceAction', 'InstanceActionEvent', 'InstanceFault', 'InstanceMetadata',
    'InstancePassword', 'InstanceSystemMetadata', 'KeyPair', 'Migration', 'ProjectUserQuota',
    'Quota', 'QuotaClass', 'QuotaLock', 'ServerGroup', 'ServerGroupMember', 'Service', 'Tag',
    'GENERATION',
]
