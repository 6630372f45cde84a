"""A longest-prefix URL map for the identity, image and network endpoints."""


class PrefixMap:

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
    apps = {prefix: loader.get_app(name, global_conf=global_conf)
            for prefix, name in local_conf.items() if prefix.startswith('/')}
    return PrefixMap(apps)
