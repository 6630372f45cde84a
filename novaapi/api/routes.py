"""The compute API: its one flat route table, top to bottom, and the router built from it.

This is the one place to read the API: every path, its methods and the
controller method that answers, in matching order.  Every path is connected
twice, as Nova does: with a ``/{project_id}`` prefix (hex and dashes only) and
without.  Order matters where a literal segment could be read as an id:
``/flavors/detail`` precedes ``/flavors/{id}``.
"""

import functools

import routes
import webob.dec
import webob.exc

from novaapi.api import aggregates
from novaapi.api import assisted_volume_snapshots
from novaapi.api import availability_zones
from novaapi.api import baremetal_nodes
from novaapi.api import behaviours
from novaapi.api import extension_info
from novaapi.api import flavors
from novaapi.api import floating_ips
from novaapi.api import gone
from novaapi.api import hosts
from novaapi.api import hypervisors
from novaapi.api import images
from novaapi.api import instance_actions
from novaapi.api import instance_usage_audit_log
from novaapi.api import interfaces
from novaapi.api import keypairs
from novaapi.api import limits
from novaapi.api import migrations
from novaapi.api import multinic
from novaapi.api import networks
from novaapi.api import quotas
from novaapi.api import remote_consoles
from novaapi.api import server_diagnostics
from novaapi.api import security_groups
from novaapi.api import server_common
from novaapi.api import server_external_events
from novaapi.api import server_groups
from novaapi.api import server_images
from novaapi.api import server_ips
from novaapi.api import server_lifecycle
from novaapi.api import server_metadata
from novaapi.api import server_migrations
from novaapi.api import server_moves
from novaapi.api import server_password
from novaapi.api import server_rebuild
from novaapi.api import server_security_groups
from novaapi.api import server_shares
from novaapi.api import server_tags
from novaapi.api import server_topology
from novaapi.api import servers
from novaapi.api import services
from novaapi.api import simple_tenant_usage
from novaapi.api import versions
from novaapi.api import volume_attachments
from novaapi.api import volumes
from novaapi.api import wsgi
from novaapi.web import routing

CONTROLLERS = {
    'versions': versions.VersionsController,
    'flavors': flavors.FlavorsController,
    'flavor_extra_specs': flavors.FlavorExtraSpecsController,
    'flavor_access': flavors.FlavorAccessController,
    'gone': gone.GoneController,
    'floating_ips': floating_ips.FloatingIPController,
    'floating_ip_pools': floating_ips.FloatingIPPoolsController,
    'volumes': volumes.VolumeController,
    'snapshots': volumes.SnapshotController,
    'volumes_boot': servers.VolumesBootController,
    'keypairs': keypairs.KeypairController,
    'images': images.ImagesController,
    'image_metadata': images.ImageMetadataController,
    'limits': limits.LimitsController,
    'quota_sets': quotas.QuotaSetsController,
    'quota_class_sets': quotas.QuotaClassSetsController,
    'server_groups': server_groups.ServerGroupController,
    'remote_consoles': remote_consoles.RemoteConsolesController,
    'console_auth_tokens': remote_consoles.ConsoleAuthTokensController,
    'servers': servers.ServersController,
    # POST /servers/{id}/action: the body's key picks an action of one of these groups.
    'server_actions': server_common.action_controller(
        server_lifecycle.LifecycleActions, server_moves.MoveActions,
        server_rebuild.RebuildActions, server_images.ImageActions,
        remote_consoles.LegacyConsoleActions, floating_ips.FloatingIPActions,
        multinic.MultinicActions),
    # POST /os-volumes_boot/{id}/action: the servers controller's own actions, up to 2.102.
    'volumes_boot_actions': server_common.action_controller(
        server_lifecycle.LifecycleActions, server_moves.MoveActions,
        server_rebuild.RebuildActions, server_images.ImageActions,
        only=('reboot', 'resize', 'confirmResize', 'revertResize', 'rebuild', 'createImage',
              'os-start', 'os-stop', 'trigger_crash_dump'), until='2.102'),
    'availability_zones': availability_zones.AvailabilityZoneController,
    'server_metadata': server_metadata.ServerMetadataController,
    'server_ips': server_ips.IPsController,
    'server_tags': server_tags.ServerTagsController,
    'instance_actions': instance_actions.InstanceActionsController,
    'interfaces': interfaces.InterfaceAttachmentController,
    'volume_attachments': volume_attachments.VolumeAttachmentController,
    'server_password': server_password.ServerPasswordController,
    'server_diagnostics': server_diagnostics.ServerDiagnosticsController,
    'server_security_groups': server_security_groups.ServerSecurityGroupController,
    'server_migrations': server_migrations.ServerMigrationsController,
    'migrations': migrations.MigrationsController,
    'server_topology': server_topology.ServerTopologyController,
    'services': services.ServiceController,
    'hypervisors': hypervisors.HypervisorsController,
    'aggregates': aggregates.AggregateController,
    'simple_tenant_usage': simple_tenant_usage.SimpleTenantUsageController,
    'instance_usage_audit_log': instance_usage_audit_log.InstanceUsageAuditLogController,
    'server_external_events': server_external_events.ServerExternalEventsController,
    'hosts': hosts.HostController,
    'baremetal_nodes': baremetal_nodes.BareMetalNodeController,
    'server_shares': server_shares.ServerSharesController,
    'extension_info': extension_info.ExtensionInfoController,
    'assisted_volume_snapshots': assisted_volume_snapshots.AssistedVolumeSnapshotsController,
    'networks': networks.NetworkController,
    'tenant_networks': networks.TenantNetworkController,
    'security_groups': security_groups.SecurityGroupController,
    'security_group_rules': security_groups.SecurityGroupRulesController,
    'behaviours': behaviours.BehavioursController,
}
"""Controller name (as the route table says it) -> controller class."""


def _gone(*methods):
    """Methods of an API Nova has removed: each answers 410."""
    return {m: ('gone', 'gone') for m in methods}


ROUTE_LIST = [
    ('/', {'GET': ('versions', 'show')}),
    ('/versions/{id}', {'GET': ('versions', 'show')}),
    # flavors
    ('/flavors', {'GET': ('flavors', 'index'), 'POST': ('flavors', 'create')}),
    ('/flavors/detail', {'GET': ('flavors', 'detail')}),
    ('/flavors/{id}', {'GET': ('flavors', 'show'), 'PUT': ('flavors', 'update'),
                       'DELETE': ('flavors', 'delete')}),
    ('/flavors/{id}/action', {'POST': ('flavors', 'action')}),
    ('/flavors/{flavor_id}/os-extra_specs', {'GET': ('flavor_extra_specs', 'index'),
                                             'POST': ('flavor_extra_specs', 'create')}),
    ('/flavors/{flavor_id}/os-extra_specs/{id}', {'GET': ('flavor_extra_specs', 'show'),
                                                  'PUT': ('flavor_extra_specs', 'update'),
                                                  'DELETE': ('flavor_extra_specs', 'delete')}),
    ('/flavors/{flavor_id}/os-flavor-access', {'GET': ('flavor_access', 'index')}),
    # floating IPs (a proxy to the network service up to 2.35)
    ('/os-floating-ip-pools', {'GET': ('floating_ip_pools', 'index')}),
    ('/os-floating-ips', {'GET': ('floating_ips', 'index'), 'POST': ('floating_ips', 'create')}),
    ('/os-floating-ips/{id}', {'GET': ('floating_ips', 'show'),
                               'DELETE': ('floating_ips', 'delete')}),
    # removed APIs (410)
    ('/os-certificates', _gone('POST')),
    ('/os-certificates/{id}', _gone('GET')),
    ('/os-cloudpipe', _gone('GET', 'POST')),
    ('/os-cloudpipe/{id}', _gone('PUT')),
    ('/os-fixed-ips/{id}', _gone('GET')),
    ('/os-fixed-ips/{id}/action', _gone('POST')),
    ('/os-floating-ip-dns', _gone('GET')),
    ('/os-floating-ip-dns/{id}', _gone('PUT', 'DELETE')),
    ('/os-floating-ip-dns/{domain_id}/entries/{id}', _gone('GET', 'PUT', 'DELETE')),
    ('/os-snapshots', {'GET': ('snapshots', 'index'), 'POST': ('snapshots', 'create')}),
    ('/os-snapshots/detail', {'GET': ('snapshots', 'detail')}),
    ('/os-snapshots/{id}', {'GET': ('snapshots', 'show'), 'DELETE': ('snapshots', 'delete')}),
    ('/os-volumes', {'GET': ('volumes', 'index'), 'POST': ('volumes', 'create')}),
    ('/os-volumes/detail', {'GET': ('volumes', 'detail')}),
    ('/os-volumes/{id}', {'GET': ('volumes', 'show'), 'DELETE': ('volumes', 'delete')}),
    ('/os-volumes_boot', {'GET': ('volumes_boot', 'index'), 'POST': ('volumes_boot', 'create')}),
    ('/os-volumes_boot/detail', {'GET': ('volumes_boot', 'detail')}),
    ('/os-volumes_boot/{id}', {'GET': ('volumes_boot', 'show'), 'PUT': ('volumes_boot', 'update'),
                               'DELETE': ('volumes_boot', 'delete')}),
    ('/os-volumes_boot/{id}/action', {'POST': ('volumes_boot_actions', 'action')}),
    ('/os-floating-ips-bulk', _gone('GET', 'POST')),
    ('/os-floating-ips-bulk/{id}', _gone('GET', 'PUT')),
    ('/os-fping', _gone('GET')),
    ('/os-fping/{id}', _gone('GET')),
    ('/servers/{server_id}/os-virtual-interfaces', _gone('GET')),
    ('/os-cells', _gone('GET', 'POST')),
    ('/os-cells/capacities', _gone('GET')),
    ('/os-cells/detail', _gone('GET')),
    ('/os-cells/info', _gone('GET')),
    ('/os-cells/sync_instances', _gone('POST')),
    ('/os-cells/{id}', _gone('GET', 'PUT', 'DELETE')),
    ('/os-cells/{id}/capacities', _gone('GET')),
    ('/os-networks/add', _gone('POST')),
    ('/os-networks/{id}/action', _gone('POST')),
    ('/os-security-group-default-rules', _gone('GET', 'POST')),
    ('/os-security-group-default-rules/{id}', _gone('GET', 'DELETE')),
    ('/servers/{server_id}/consoles', _gone('GET', 'POST')),
    ('/servers/{server_id}/consoles/{id}', _gone('GET', 'DELETE')),
    ('/os-agents', _gone('GET', 'POST')),
    ('/os-agents/{id}', _gone('PUT', 'DELETE')),
    # images (the proxy to the image service)
    ('/images', {'GET': ('images', 'index')}),
    ('/images/detail', {'GET': ('images', 'detail')}),
    ('/images/{id}', {'GET': ('images', 'show'), 'DELETE': ('images', 'delete')}),
    ('/images/{image_id}/metadata', {'GET': ('image_metadata', 'index'),
                                     'POST': ('image_metadata', 'create'),
                                     'PUT': ('image_metadata', 'update_all')}),
    ('/images/{image_id}/metadata/{id}', {'GET': ('image_metadata', 'show'),
                                          'PUT': ('image_metadata', 'update'),
                                          'DELETE': ('image_metadata', 'delete')}),
    # keypairs
    ('/os-keypairs', {'GET': ('keypairs', 'index'), 'POST': ('keypairs', 'create')}),
    ('/os-keypairs/{id}', {'GET': ('keypairs', 'show'), 'DELETE': ('keypairs', 'delete')}),
    # limits
    ('/limits', {'GET': ('limits', 'index')}),
    # quotas
    ('/os-quota-sets/{id}', {'GET': ('quota_sets', 'show'), 'PUT': ('quota_sets', 'update'),
                             'DELETE': ('quota_sets', 'delete')}),
    ('/os-quota-sets/{id}/detail', {'GET': ('quota_sets', 'detail')}),
    ('/os-quota-sets/{id}/defaults', {'GET': ('quota_sets', 'defaults')}),
    ('/os-quota-class-sets/{id}', {'GET': ('quota_class_sets', 'show'),
                                   'PUT': ('quota_class_sets', 'update')}),
    # server_groups
    ('/os-server-groups', {'GET': ('server_groups', 'index'), 'POST': ('server_groups', 'create')}),
    ('/os-server-groups/{id}', {'GET': ('server_groups', 'show'),
                                'DELETE': ('server_groups', 'delete')}),
    # remote_consoles
    ('/servers/{server_id}/remote-consoles', {'POST': ('remote_consoles', 'create')}),
    ('/os-console-auth-tokens/{id}', {'GET': ('console_auth_tokens', 'show')}),
    # servers
    ('/servers', {'GET': ('servers', 'index'), 'POST': ('servers', 'create')}),
    ('/servers/detail', {'GET': ('servers', 'detail')}),
    ('/servers/{id}', {'GET': ('servers', 'show'), 'PUT': ('servers', 'update'),
                       'DELETE': ('servers', 'delete')}),
    ('/servers/{id}/action', {'POST': ('server_actions', 'action')}),
    # availability_zones
    ('/os-availability-zone', {'GET': ('availability_zones', 'index')}),
    ('/os-availability-zone/detail', {'GET': ('availability_zones', 'detail')}),
    # server_metadata
    ('/servers/{server_id}/metadata', {'GET': ('server_metadata', 'index'),
                                       'POST': ('server_metadata', 'create'),
                                       'PUT': ('server_metadata', 'update_all')}),
    ('/servers/{server_id}/metadata/{id}', {'GET': ('server_metadata', 'show'),
                                            'PUT': ('server_metadata', 'update'),
                                            'DELETE': ('server_metadata', 'delete')}),
    # server_ips
    ('/servers/{server_id}/ips', {'GET': ('server_ips', 'index')}),
    ('/servers/{server_id}/ips/{id}', {'GET': ('server_ips', 'show')}),
    # server_tags
    ('/servers/{server_id}/tags', {'GET': ('server_tags', 'index'),
                                   'PUT': ('server_tags', 'update_all'),
                                   'DELETE': ('server_tags', 'delete_all')}),
    ('/servers/{server_id}/tags/{id}', {'GET': ('server_tags', 'show'),
                                        'PUT': ('server_tags', 'update'),
                                        'DELETE': ('server_tags', 'delete')}),
    # instance_actions
    ('/servers/{server_id}/os-instance-actions', {'GET': ('instance_actions', 'index')}),
    ('/servers/{server_id}/os-instance-actions/{id}', {'GET': ('instance_actions', 'show')}),
    # interfaces
    ('/servers/{server_id}/os-interface', {'GET': ('interfaces', 'index'),
                                           'POST': ('interfaces', 'create')}),
    ('/servers/{server_id}/os-interface/{id}', {'GET': ('interfaces', 'show'),
                                                'DELETE': ('interfaces', 'delete')}),
    # volume_attachments
    ('/servers/{server_id}/os-volume_attachments', {'GET': ('volume_attachments', 'index'),
                                                    'POST': ('volume_attachments', 'create')}),
    ('/servers/{server_id}/os-volume_attachments/{id}', {
        'GET': ('volume_attachments', 'show'), 'PUT': ('volume_attachments', 'update'),
        'DELETE': ('volume_attachments', 'delete')}),
    # server_password
    ('/servers/{server_id}/os-server-password', {'GET': ('server_password', 'index'),
                                                 'DELETE': ('server_password', 'clear')}),
    # server_diagnostics
    ('/servers/{server_id}/diagnostics', {'GET': ('server_diagnostics', 'index')}),
    # server_security_groups
    ('/servers/{server_id}/os-security-groups', {'GET': ('server_security_groups', 'index')}),
    # server_migrations
    ('/servers/{server_id}/migrations', {'GET': ('server_migrations', 'index')}),
    ('/servers/{server_id}/migrations/{id}', {'GET': ('server_migrations', 'show'),
                                              'DELETE': ('server_migrations', 'delete')}),
    ('/servers/{server_id}/migrations/{id}/action', {'POST': ('server_migrations', 'action')}),
    # migrations
    ('/os-migrations', {'GET': ('migrations', 'index')}),
    # server_topology
    ('/servers/{server_id}/topology', {'GET': ('server_topology', 'index')}),
    # services
    ('/os-services', {'GET': ('services', 'index')}),
    ('/os-services/{id}', {'PUT': ('services', 'update'), 'DELETE': ('services', 'delete')}),
    # hypervisors
    ('/os-hypervisors', {'GET': ('hypervisors', 'index')}),
    ('/os-hypervisors/detail', {'GET': ('hypervisors', 'detail')}),
    ('/os-hypervisors/statistics', {'GET': ('hypervisors', 'statistics')}),
    ('/os-hypervisors/{id}', {'GET': ('hypervisors', 'show')}),
    ('/os-hypervisors/{id}/uptime', {'GET': ('hypervisors', 'uptime')}),
    ('/os-hypervisors/{id}/search', {'GET': ('hypervisors', 'search')}),
    ('/os-hypervisors/{id}/servers', {'GET': ('hypervisors', 'servers')}),
    # aggregates
    ('/os-aggregates', {'GET': ('aggregates', 'index'), 'POST': ('aggregates', 'create')}),
    ('/os-aggregates/{id}', {'GET': ('aggregates', 'show'), 'PUT': ('aggregates', 'update'),
                             'DELETE': ('aggregates', 'delete')}),
    ('/os-aggregates/{id}/action', {'POST': ('aggregates', 'action')}),
    ('/os-aggregates/{id}/images', {'POST': ('aggregates', 'images')}),
    # simple_tenant_usage
    ('/os-simple-tenant-usage', {'GET': ('simple_tenant_usage', 'index')}),
    ('/os-simple-tenant-usage/{id}', {'GET': ('simple_tenant_usage', 'show')}),
    # instance_usage_audit_log
    ('/os-instance_usage_audit_log', {'GET': ('instance_usage_audit_log', 'index')}),
    ('/os-instance_usage_audit_log/{id}', {'GET': ('instance_usage_audit_log', 'show')}),
    # server_external_events
    ('/os-server-external-events', {'POST': ('server_external_events', 'create')}),
    # hosts
    ('/os-hosts', {'GET': ('hosts', 'index')}),
    ('/os-hosts/{id}', {'GET': ('hosts', 'show'), 'PUT': ('hosts', 'update')}),
    ('/os-hosts/{id}/reboot', {'GET': ('hosts', 'reboot')}),
    ('/os-hosts/{id}/shutdown', {'GET': ('hosts', 'shutdown')}),
    ('/os-hosts/{id}/startup', {'GET': ('hosts', 'startup')}),
    # baremetal_nodes (no bare-metal service behind them)
    ('/os-baremetal-nodes', {'GET': ('baremetal_nodes', 'index'),
                             'POST': ('baremetal_nodes', 'create')}),
    ('/os-baremetal-nodes/{id}', {'GET': ('baremetal_nodes', 'show'),
                                  'DELETE': ('baremetal_nodes', 'delete')}),
    ('/os-baremetal-nodes/{id}/action', {'POST': ('baremetal_nodes', 'action')}),
    # server_shares (no share service behind them)
    ('/servers/{server_id}/shares', {'GET': ('server_shares', 'index'),
                                     'POST': ('server_shares', 'create')}),
    ('/servers/{server_id}/shares/{id}', {'GET': ('server_shares', 'show'),
                                          'DELETE': ('server_shares', 'delete')}),
    # network proxies (2.1-2.35; creating or deleting a network is 410 at every version)
    ('/os-networks', {'GET': ('networks', 'index'), 'POST': ('gone', 'gone')}),
    ('/os-networks/{id}', {'GET': ('networks', 'show'), 'DELETE': ('gone', 'gone')}),
    ('/os-tenant-networks', {'GET': ('tenant_networks', 'index'), 'POST': ('gone', 'gone')}),
    ('/os-tenant-networks/{id}', {'GET': ('tenant_networks', 'show'),
                                  'DELETE': ('gone', 'gone')}),
    ('/os-security-groups', {'GET': ('security_groups', 'index'),
                             'POST': ('security_groups', 'create')}),
    ('/os-security-groups/{id}', {'GET': ('security_groups', 'show'),
                                  'PUT': ('security_groups', 'update'),
                                  'DELETE': ('security_groups', 'delete')}),
    ('/os-security-group-rules', {'POST': ('security_group_rules', 'create')}),
    ('/os-security-group-rules/{id}', {'DELETE': ('security_group_rules', 'delete')}),
    # assisted volume snapshots (the volume service's calls)
    ('/os-assisted-volume-snapshots', {'POST': ('assisted_volume_snapshots', 'create')}),
    ('/os-assisted-volume-snapshots/{id}', {'DELETE': ('assisted_volume_snapshots', 'delete')}),
    # extension_info
    ('/extensions', {'GET': ('extension_info', 'index')}),
    ('/extensions/{id}', {'GET': ('extension_info', 'show')}),
    # the simulator's own control API (not Nova's): fault-injection behaviours
    ('/_sim/behaviours', {'GET': ('behaviours', 'index'), 'POST': ('behaviours', 'create'),
                          'DELETE': ('behaviours', 'delete_all')}),
    ('/_sim/behaviours/{id}', {'GET': ('behaviours', 'show'), 'DELETE': ('behaviours', 'delete')}),
]


class APIRouter:
    """Matches a path to a controller method; no match is webob's plain 404, as in Nova."""

    def __init__(self, route_list, controllers):
        self.mapper = routes.Mapper()
        resources = {name: wsgi.Resource(factory()) for name, factory in controllers.items()}
        for path, methods in route_list:
            for method, (controller, action) in methods.items():
                resource = resources[controller]
                for prefixed in ('/{project_id}' + path, path):
                    self.mapper.connect(prefixed, controller=resource, action=action,
                                        conditions={'method': [method]},
                                        requirements={'project_id': '[0-9a-f-]+'})
        routing.finish(self.mapper)

    @webob.dec.wsgify
    def __call__(self, req):
        match = self.mapper.match(environ=req.environ)
        if match is None:
            return webob.exc.HTTPNotFound()
        controller = match.pop('controller')
        req.environ['wsgiorg.routing_args'] = ((), match)
        return req.get_response(controller)

    @classmethod
    def factory(cls, global_conf, **local_conf):
        return build_router()


@functools.lru_cache(maxsize=1)
def build_router():
    return APIRouter(ROUTE_LIST, CONTROLLERS)
