"""PasteDeploy composites: a longest-prefix URL map and the pipeline picked by auth strategy."""

from novaapi import conf


class PrefixMap:
    """Send a request to the app mounted at the longest prefix of its path."""

    def __init__(self, apps):
        # Longest prefix first, so '/identity/v3' wins over '/identity'.
        self.apps = sorted(apps.items(), key=lambda item: len(item[0]), reverse=True)

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO', '') or '/'
        for prefix, app in self.apps:
            stripped = prefix.rstrip('/')
            if path == stripped or path.startswith(stripped + '/') or prefix == '/':
                if prefix != '/':
                    environ['SCRIPT_NAME'] = environ.get('SCRIPT_NAME', '') + stripped
                    environ['PATH_INFO'] = path[len(stripped):]
                return app(environ, start_response)
        start_response('404 Not Found', [('Content-Type', 'text/plain')])
        return [b'404 Not Found\n\nThe resource could not be found.']


def urlmap_factory(loader, global_conf, **local_conf):
    """PasteDeploy composite: ``/prefix = app`` lines, longest prefix first."""
    apps = {prefix: loader.get_app(name, global_conf=global_conf)
            for prefix, name in local_conf.items() if prefix.startswith('/')}
    return PrefixMap(apps)


def pipeline_factory(loader, global_conf, **local_conf):
    """PasteDeploy composite: the pipeline named by ``[api] auth_strategy``, built right to left."""
    names = local_conf[conf.CONF.api.auth_strategy].split()
    app = loader.get_app(names[-1], global_conf=global_conf)
    for name in reversed(names[:-1]):
        app = loader.get_filter(name, global_conf=global_conf)(app)
    return app
