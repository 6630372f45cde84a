"""Route ``(path, {METHOD: handler})`` rows with a Routes mapper; no match raises 404 or 405."""

import routes

from novaapi.web import errors


class Router:
    """A Routes mapper over a flat route table; a GET route also answers HEAD.

    :param route_list: ``[(path, {method: handler})]``; paths use Routes'
        ``{name}`` variables, which :meth:`match` returns as keyword values
    """

    def __init__(self, route_list):
        self.mapper = routes.Mapper()
        self.mapper.minimization = False
        for path, methods in route_list:
            for method, handler in methods.items():
                verbs = [method, 'HEAD'] if method == 'GET' else [method]
                self.mapper.connect(None, path, handler=handler, conditions={'method': verbs})
        # NOTE: build the regexes now, not lazily inside the first (threaded) request.
        self.mapper.create_regs([])

    def match(self, path, method):
        """``(handler, url_vars)`` for ``method`` on ``path``.

        :raises NotFound: when no route has the path.
        :raises MethodNotAllowed: when routes have the path but not the
            method; the error lists the allowed methods.
        """
        found = self.mapper.routematch(path, {'REQUEST_METHOD': method})
        if found:
            url_vars = dict(found[0])
            return url_vars.pop('handler'), url_vars
        allowed = set()
        for route in self.mapper.matchlist:
            if route.match(path) is not False:
                allowed.update(route.conditions['method'])
        if allowed:
            raise errors.MethodNotAllowed(allowed)
        raise errors.NotFound()
