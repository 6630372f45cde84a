"""Interface attachment views: the port as Nova summarises it; ``tag`` from 2.70."""


def attachment(req, port):
    view = {'net_id': port.network_id, 'port_id': port.id, 'mac_addr': port.mac_address,
            'port_state': port.status, 'fixed_ips': port.fixed_ip_list}
    if req.is_version('2.70'):
        view['tag'] = port.tag
    return view


def index(req, ports):
    return {'interfaceAttachments': [attachment(req, port) for port in ports]}


def show(req, port):
    return {'interfaceAttachment': attachment(req, port)}
