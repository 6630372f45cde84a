"""Network endpoint: version discovery (the network API itself arrives with servers)."""

import json

import webob
import webob.dec


@webob.dec.wsgify
def versions(req):
    href = req.host_url + req.script_name + '/v2.0/'
    body = {'versions': [{'id': 'v2.0', 'status': 'CURRENT',
                          'links': [{'rel': 'self', 'href': href}]}]}
    resp = webob.Response(content_type='application/json')
    resp.charset = None
    resp.body = json.dumps(body).encode()
    return resp


def app_factory(global_conf, **local_conf):
    return versions
