"""The v2 client facade: one lazily-imported Manager per API collection."""

import importlib

# attribute -> (module under novaclient.v2, Manager class)
MANAGERS = {
    'agents': ('agents', 'AgentsManager'),
    'aggregates': ('aggregates', 'AggregateManager'),
    'assisted_volume_snapshots': ('assisted_volume_snapshots',
                                  'AssistedSnapshotManager'),
    'availability_zones': ('availability_zones', 'AvailabilityZoneManager'),
    'behaviours': ('behaviours', 'BehaviourManager'),
    'flavor_access': ('flavor_access', 'FlavorAccessManager'),
    'flavors': ('flavors', 'FlavorManager'),
    'glance': ('images', 'GlanceManager'),
    'hypervisor_stats': ('hypervisors', 'HypervisorStatsManager'),
    'hypervisors': ('hypervisors', 'HypervisorManager'),
    'instance_action': ('instance_action', 'InstanceActionManager'),
    'instance_usage_audit_log': ('instance_usage_audit_log',
                                 'InstanceUsageAuditLogManager'),
    'keypairs': ('keypairs', 'KeypairManager'),
    'limits': ('limits', 'LimitsManager'),
    'migrations': ('migrations', 'MigrationManager'),
    'neutron': ('networks', 'NeutronManager'),
    'quota_classes': ('quota_classes', 'QuotaClassSetManager'),
    'quotas': ('quotas', 'QuotaSetManager'),
    'server_external_events': ('server_external_events',
                               'ServerExternalEventManager'),
    'server_groups': ('server_groups', 'ServerGroupsManager'),
    'server_migrations': ('server_migrations', 'ServerMigrationsManager'),
    'server_shares': ('server_shares', 'ServerSharesManager'),
    'servers': ('servers', 'ServerManager'),
    'services': ('services', 'ServiceManager'),
    'usage': ('usage', 'UsageManager'),
    'versions': ('versions', 'VersionManager'),
    'volumes': ('volumes', 'VolumeManager'),
}


class Client:
    """Compute v2 client; build it with :func:`novaclient.client.Client`.

    :param http_client: a :class:`novaclient.client.SessionClient`
    """

    #: Whether list calls follow the API's next links to the end (the
    #: ``nova`` program turns it on; python-novaclient's library lists
    #: return the server's first page, and so does ours by default).
    follow_next_links = False

    def __init__(self, http_client):
        self.client = http_client

    def __getattr__(self, name):
        try:
            module_name, class_name = MANAGERS[name]
        except KeyError:
            raise AttributeError(name) from None
        module = importlib.import_module('novaclient.v2.' + module_name)
        manager = getattr(module, class_name)(self)
        setattr(self, name, manager)
        return manager

    @property
    def api_version(self):
        return self.client.api_version

    @api_version.setter
    def api_version(self, value):
        self.client.api_version = value

    def get_timings(self):
        return self.client.get_timings()

    def reset_timings(self):
        self.client.reset_timings()
