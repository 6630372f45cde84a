"""Services, hypervisors 'compute1'/'compute2', aggregate 'agg1', tenant usage and the audit log."""

import re

from . import COMPUTE_URL
from . import HEADERS
from . import PROJECT_ID
from . import not_found
from . import url
from .servers import DB_ID
from .servers import SERVER_ID

SVC_UUID = 'e81d66a4-ddd3-4aba-8a84-171d1cb4d339'
HYP_UUID = '1bb62a04-c576-402c-8147-9e89757a09e3'


def _service(sid, binary, host, zone, **extra):
    return dict({'id': sid, 'binary': binary, 'host': host, 'zone': zone, 'status': 'enabled',
                 'state': 'up', 'updated_at': '2026-11-22T00:00:10.000000', 'disabled_reason': None,
                 'forced_down': False}, **extra)


SERVICES = [_service(1, 'nova-scheduler', 'controller', 'internal'),
            _service(3, 'nova-compute', 'compute1', 'nova', status='disabled', disabled_reason='maint'),
            _service(4, 'nova-compute', 'compute2', 'nova', state='down', forced_down=True)]


def hypervisor(hid, name, detail=True):
    hyp = {'id': hid, 'hypervisor_hostname': name, 'state': 'up', 'status': 'enabled'}
    if detail:
        hyp.update({'cpu_info': {'arch': 'x86_64', 'topology': {'cores': 16, 'sockets': 1}},
                    'current_workload': 0, 'disk_available_least': 999, 'host_ip': '192.168.1.11',
                    'free_disk_gb': 999, 'free_ram_mb': 64512, 'hypervisor_type': 'fake',
                    'hypervisor_version': 1000, 'local_gb': 1000, 'local_gb_used': 1,
                    'memory_mb': 65536, 'memory_mb_used': 1024, 'running_vms': 1,
                    'service': {'host': name, 'id': 3, 'disabled_reason': None},
                    'vcpus': 16, 'vcpus_used': 1})
    return hyp


AGGREGATE = {'id': 1, 'name': 'agg1', 'availability_zone': 'london', 'hosts': ['compute1'],
             'metadata': {'availability_zone': 'london', 'k': 'v'}, 'deleted': False,
             'created_at': '2026-11-22T00:00:00.000000', 'updated_at': None, 'deleted_at': None,
             'uuid': '6ba28ba7-f29b-45cc-a30b-6e3a40c2fb14'}


def server_usage(uuid, name):
    return {'instance_id': uuid, 'name': name, 'hours': 2.5, 'flavor': 'm1.tiny', 'memory_mb': 512,
            'local_gb': 1, 'vcpus': 1, 'tenant_id': PROJECT_ID, 'state': 'active', 'uptime': 9000,
            'started_at': '2026-11-22T00:00:00.000000', 'ended_at': None}


def tenant_usage(servers):
    return {'tenant_id': PROJECT_ID, 'total_hours': 2.5 * len(servers),
            'total_memory_mb_usage': 1280.0 * len(servers), 'total_vcpus_usage': 2.5 * len(servers),
            'total_local_gb_usage': 2.5 * len(servers), 'start': '2026-10-25T00:00:00.000000',
            'stop': '2026-11-22T00:00:00.000000', 'server_usages': servers}


AUDIT = {'hosts_not_run': ['compute1', 'compute2'], 'log': {}, 'num_hosts': 2, 'num_hosts_done': 0,
         'num_hosts_not_run': 2, 'num_hosts_running': 0, 'overall_status': '0 of 2 hosts done. 0 errors.',
         'period_beginning': '2026-10-01 00:00:00', 'period_ending': '2026-11-01 00:00:00',
         'total_errors': 0, 'total_instances': 0}


def _usage_list(request, context):
    context.headers.update(HEADERS)
    if 'marker=' in request.url:
        return {'tenant_usages': []}
    return {'tenant_usages': [tenant_usage([server_usage(SERVER_ID, 'sample-server'),
                                            server_usage(DB_ID, 'db-1')])]}


def _usage_get(request, context):
    context.headers.update(HEADERS)
    if 'marker=' in request.url:
        return {'tenant_usage': {}}
    return {'tenant_usage': tenant_usage([server_usage(SERVER_ID, 'sample-server')])}


def _service_put(request, context):
    context.headers.update(HEADERS)
    body = request.json()
    action = request.path.rsplit('/', 1)[1]
    if action in ('enable', 'disable', 'disable-log-reason'):
        out = {'host': body['host'], 'binary': body['binary'],
               'status': 'enabled' if action == 'enable' else 'disabled'}
        if 'disabled_reason' in body:
            out['disabled_reason'] = body['disabled_reason']
        return {'service': out}
    if action == 'force-down':
        return {'service': {'host': body['host'], 'binary': body['binary'],
                            'forced_down': body['forced_down']}}
    svc = _service(SVC_UUID, 'nova-compute', 'compute1', 'nova')
    if 'status' in body:
        svc.update(status=body['status'], disabled_reason=body.get('disabled_reason'))
    if 'forced_down' in body:
        svc.update(forced_down=body['forced_down'], state='down' if body['forced_down'] else 'up')
    return {'service': svc}


def _hyper_list(detail):
    def handler(request, context):
        context.headers.update(HEADERS)
        return {'hypervisors': [hypervisor(1, 'compute1', detail), hypervisor(2, 'compute2', detail)]}
    return handler


def register(m):
    m.get(re.compile(re.escape(COMPUTE_URL) + r'/os-services(\?.*)?$'), headers=HEADERS,
          json={'services': SERVICES})
    m.put(re.compile(re.escape(COMPUTE_URL) + r'/os-services/[^/]+$'), json=_service_put)
    m.delete(re.compile(re.escape(COMPUTE_URL) + r'/os-services/[^/]+$'), status_code=204, headers=HEADERS)
    not_found(m, r'/os-hypervisors/[^/?]+', "Hypervisor with ID 'x' could not be found.")
    m.get(re.compile(re.escape(COMPUTE_URL) + r'/os-hypervisors(\?.*)?$'), json=_hyper_list(False))
    m.get(re.compile(re.escape(COMPUTE_URL) + r'/os-hypervisors/detail(\?.*)?$'), json=_hyper_list(True))
    m.get(url('/os-hypervisors/1'), json={'hypervisor': hypervisor(1, 'compute1')}, headers=HEADERS)
    m.get(url('/os-hypervisors/1/uptime'), headers=HEADERS, json={'hypervisor': dict(
        hypervisor(1, 'compute1', False), uptime=' 08:32:11 up 3 days,  2:05,  1 user,  load average: 0.00'
                                                 ', 0.00, 0.00')})
    m.get(url('/os-hypervisors/statistics'), headers=HEADERS, json={'hypervisor_statistics': {
        'count': 2, 'current_workload': 0, 'disk_available_least': 1998, 'free_disk_gb': 1998,
        'free_ram_mb': 130048, 'local_gb': 2000, 'local_gb_used': 2, 'memory_mb': 131072,
        'memory_mb_used': 1024, 'running_vms': 1, 'vcpus': 32, 'vcpus_used': 1}})
    servers = dict(hypervisor(1, 'compute1', False),
                   servers=[{'name': 'instance-00000001', 'uuid': SERVER_ID}])
    m.get(url('/os-hypervisors/compute/servers'), headers=HEADERS,
          json={'hypervisors': [servers, hypervisor(2, 'compute2', False)]})
    m.get(url('/os-hypervisors/compute1/servers'), headers=HEADERS, json={'hypervisors': [servers]})
    m.get(url('/os-hypervisors/compute/search'), json=_hyper_list(False))
    m.get(url('/os-hypervisors?hypervisor_hostname_pattern=compute1&with_servers=True'), headers=HEADERS,
          json={'hypervisors': [dict(servers, id=HYP_UUID)]})
    not_found(m, r'/os-aggregates/[^/?]+', 'Aggregate x could not be found.')
    m.get(url('/os-aggregates'), json={'aggregates': [AGGREGATE]}, headers=HEADERS)
    m.post(url('/os-aggregates'), json={'aggregate': AGGREGATE}, headers=HEADERS)
    m.get(url('/os-aggregates/1'), json={'aggregate': AGGREGATE}, headers=HEADERS)
    m.put(url('/os-aggregates/1'), json={'aggregate': AGGREGATE}, headers=HEADERS)
    m.delete(url('/os-aggregates/1'), headers=HEADERS)
    m.post(url('/os-aggregates/1/action'), json={'aggregate': AGGREGATE}, headers=HEADERS)
    m.post(url('/os-aggregates/1/images'), status_code=202, headers=HEADERS)
    m.get(re.compile(re.escape(COMPUTE_URL) + r'/os-simple-tenant-usage\?.*$'), json=_usage_list)
    m.get(re.compile(re.escape(COMPUTE_URL) + r'/os-simple-tenant-usage/[^/?]+\?.*$'), json=_usage_get)
    m.get(url('/os-instance_usage_audit_log'), json={'instance_usage_audit_logs': AUDIT}, headers=HEADERS)
    m.get(re.compile(re.escape(COMPUTE_URL) + r'/os-instance_usage_audit_log/.+$'), headers=HEADERS,
          json={'instance_usage_audit_log': AUDIT})
