"""Route ``(path, {METHOD: handler})`` rows with a Routes mapper; no match raises 404 or 405."""

import routes

from novaapi.web import errors


def finish(mapper):
    """Build ``mapper``'s regexes now, not inside the first (threaded) request, without the
    master regexp; returns ``mapper``.

    Routes first tests a path against one alternation of every route, a fast refusal of
    paths no route has; ``re.match`` then hashes that compiled pattern on every call for
    its cache lookup, which cost ~35 µs a request with compute's 428 routes, twice the
    matching itself. Without it Routes tries the routes that share the path's static
    prefix, as it does when the alternation is too big to compile, and a path no route
    has is refused all the same.
    """
    mapper.create_regs([])
    mapper._master_regexp = None  # Routes' own state when it has no master regexp
    return mapper


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
        finish(self.mapper)

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
