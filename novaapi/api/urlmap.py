"""The compute service's URL map, with Nova's rules for ``/v2.1`` and unknown paths.

``/v2.1`` and ``/v2.1/`` answer the (unauthenticated) version document,
``/v2.1/<anything>`` goes to the authenticated API, ``/v2`` and ``/v2/`` answer
the legacy v2.0 document, ``/`` lists versions and
everything else answers 300 with the choices.
"""


class URLMap:

    def __init__(self, root, document, api, legacy_document=None):
        self.root = root
        self.document = document
        self.api = api
        self.legacy_document = legacy_document

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO', '') or '/'
        script = environ.get('SCRIPT_NAME', '')
        environ['novaapi.root_prefix'] = script
        if path in ('/v2.1', '/v2.1/'):
            environ['SCRIPT_NAME'] = script + '/v2.1'
            environ['PATH_INFO'] = path[len('/v2.1'):]
            return self.document(environ, start_response)
        if path in ('/v2', '/v2/') and self.legacy_document is not None:
            environ['SCRIPT_NAME'] = script + '/v2'
            environ['PATH_INFO'] = path[len('/v2'):]
            return self.legacy_document(environ, start_response)
        if path.startswith('/v2.1/'):
            environ['SCRIPT_NAME'] = script + '/v2.1'
            environ['PATH_INFO'] = path[len('/v2.1'):]
            return self.api(environ, start_response)
        return self.root(environ, start_response)


def urlmap_factory(loader, global_conf, **local_conf):
    """PasteDeploy composite: ``/``, ``/v2.1`` (document) and ``/v2.1/+`` (API)."""
    return URLMap(root=loader.get_app(local_conf['/'], global_conf=global_conf),
                  document=loader.get_app(local_conf['/v2.1'], global_conf=global_conf),
                  api=loader.get_app(local_conf['/v2.1/+'], global_conf=global_conf),
                  legacy_document=(loader.get_app(local_conf['/v2'], global_conf=global_conf)
                                   if '/v2' in local_conf else None))
