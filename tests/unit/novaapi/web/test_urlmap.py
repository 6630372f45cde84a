"""Prefix mounts (longest first) and the pipeline picked by [api] auth_strategy."""

import webob

from novaapi import conf
from novaapi.web import urlmap


def _named(name):
    def app(environ, start_response):
        body = '%s %s %s' % (name, environ['SCRIPT_NAME'], environ['PATH_INFO'])
        return webob.Response(body)(environ, start_response)
    return app


def test_longest_prefix_wins_and_moves_to_script_name():
    app = urlmap.PrefixMap({'/': _named('root'), '/identity': _named('versions'),
                            '/identity/v3': _named('v3')})
    assert webob.Request.blank('/identity/v3/users').get_response(app).text == \
        'v3 /identity/v3 /users'
    assert webob.Request.blank('/identity').get_response(app).text == 'versions /identity '
    assert webob.Request.blank('/other').get_response(app).text == 'root  /other'


def test_no_mount_is_a_plain_404():
    resp = webob.Request.blank('/x').get_response(urlmap.PrefixMap({'/v3': _named('v3')}))
    assert resp.status_int == 404


class Loader:
    def get_app(self, name, global_conf=None):
        return [name]

    def get_filter(self, name, global_conf=None):
        return lambda app: [name] + app


def test_pipeline_follows_the_auth_strategy():
    local = {'embedded': 'a b app', 'keystone': 'a k app'}
    try:
        assert urlmap.pipeline_factory(Loader(), {}, **local) == ['a', 'b', 'app']
        conf.CONF.set('api', 'auth_strategy', 'keystone')
        assert urlmap.pipeline_factory(Loader(), {}, **local) == ['a', 'k', 'app']
    finally:
        conf.CONF.reset()
