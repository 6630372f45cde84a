"""Hypervisor views, by microversion: ids become uuids at 2.53, usage figures give way to
``uptime`` at 2.88, ``cpu_info`` is an object from 2.28."""

import json

from novaapi.compute import hypervisors

USAGE_FIELDS = ('vcpus', 'memory_mb', 'local_gb', 'vcpus_used', 'memory_mb_used', 'local_gb_used',
                'free_ram_mb', 'free_disk_gb', 'current_workload', 'running_vms', 'disk_available_least')


def _cpu_info(req, hyp):
    if not req.is_version('2.28'):
        return hyp.cpu_info
    return json.loads(hyp.cpu_info) if hyp.cpu_info else {}


def hypervisor(req, hyp, detail, with_servers=False):
    by_uuid = req.is_version('2.53')
    view = {'id': hyp.node.uuid if by_uuid else hyp.node.id,
            'hypervisor_hostname': hyp.node.hypervisor_hostname,
            'state': 'up' if hyp.service.up else 'down',
            'status': 'disabled' if hyp.service.disabled else 'enabled'}
    if detail:
        view.update(hypervisor_type=hyp.node.hypervisor_type, hypervisor_version=hyp.node.hypervisor_version,
                    host_ip=hyp.node.host_ip,
                    service={'id': hyp.service.uuid if by_uuid else hyp.service.id, 'host': hyp.node.host,
                             'disabled_reason': hyp.service.disabled_reason})
        if req.is_version('2.88'):
            view['uptime'] = hyp.uptime
        else:
            view.update({field: hypervisors.value_of(hyp, field) for field in USAGE_FIELDS})
            view['cpu_info'] = _cpu_info(req, hyp)
    if hyp.servers:
        view['servers'] = list(hyp.servers)
    elif with_servers and req.is_version('2.75'):
        view['servers'] = []
    return view


def index(req, hyps, detail, links=None, with_servers=False):
    result = {'hypervisors': [hypervisor(req, h, detail, with_servers) for h in hyps]}
    if links:
        result['hypervisors_links'] = links
    return result


def show(req, hyp, with_servers=False):
    return {'hypervisor': hypervisor(req, hyp, True, with_servers)}


def uptime(req, hyp):
    view = hypervisor(req, hyp, False)
    view['uptime'] = hyp.uptime
    return {'hypervisor': view}


def statistics(stats):
    return {'hypervisor_statistics': dict(stats)}
