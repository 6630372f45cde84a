"""Server NUMA topology view: host node and pinning only for those allowed to see hosts."""


def show(cells, page_size, show_host):
    if cells is None:
        return {'nodes': [], 'pagesize_kb': None}
    nodes = []
    for cell in cells:
        node = {'vcpu_set': cell['cpus'], 'siblings': cell['siblings'],
                'memory_mb': cell['memory_mb']}
        if show_host:
            node.update(host_node=cell['id'], cpu_pinning=cell['pinning'] or {})
        nodes.append(node)
    return {'nodes': nodes, 'pagesize_kb': page_size}
