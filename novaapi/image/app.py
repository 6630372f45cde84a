"""Image endpoint: version discovery (the image API itself arrives with servers)."""

import json

import webob
import webob.dec


@webob.dec.wsgify
def versions(req):
    """Glance answers its root with 300 and the versions it serves."""
    href = req.host_url + req.script_name + '/v2/'
    body = {'versions': [{'id': 'v2.%d' % minor, 'status': 'CURRENT' if minor == 16 else 'SUPPORTED',
                          'links': [{'rel': 'self', 'href': href}]} for minor in range(16, -1, -1)]}
    resp = webob.Response(status=300, content_type='application/json')
    resp.charset = None
    resp.body = json.dumps(body).encode()
    return resp


def app_factory(global_conf, **local_conf):
    return versions
