"""Every live route declares its contract: expected errors, and a schema for every body it reads."""

import inspect

from novaapi.api import routes


def _methods():
    router = routes.build_router()
    seen = set()
    for route in router.mapper.matchlist:
        resource = route.defaults['controller']
        controller = resource.controller
        action = route.defaults['action']
        methods = (controller.wsgi_actions.values() if action == 'action'
                   else [getattr(type(controller), action)])
        for method in methods:
            if method not in seen:
                seen.add(method)
                yield route.routepath, route.conditions['method'][0], method


def test_every_method_declares_expected_errors():
    missing = ['%s %s -> %s' % (verb, path, m.__qualname__) for path, verb, m in _methods()
               if not getattr(m, 'wsgi_removed', False) and not hasattr(m, 'wsgi_expected')]
    assert missing == []


def test_every_body_is_validated():
    missing = []
    for path, verb, method in _methods():
        reads_body = 'body' in inspect.signature(method).parameters
        if reads_body and not getattr(method, 'wsgi_removed', False) and not getattr(
                method, 'wsgi_validators', ()):
            missing.append('%s %s -> %s' % (verb, path, method.__qualname__))
    assert missing == []


def test_paths_are_registered_with_and_without_project():
    router = routes.build_router()
    paths = {route.routepath for route in router.mapper.matchlist}
    assert '/flavors/detail' in paths and '/{project_id}/flavors/detail' in paths
    assert '/{project_id}/' in paths


def test_every_route_matches_without_the_master_regexp():
    """The compute router has no master regexp (re.match hashed it on every request): every
    route of the table still matches its own path, with and without a project, and a path
    of no route is refused."""
    router = routes.build_router()
    assert router.mapper._master_regexp is None
    for path, methods in routes.ROUTE_LIST:
        concrete = path.replace('{', '').replace('}', '')
        for prefix in ('', '/0123abcd'):
            for method, (_controller, action) in methods.items():
                found = router.mapper.match(environ={'PATH_INFO': prefix + concrete,
                                                     'REQUEST_METHOD': method})
                assert found is not None and found['action'] == action, (method, path)
    for unknown in ('/nothing/here', '/servers/x/y/z/w', '/0123abcd/'):
        assert router.mapper.match(environ={'PATH_INFO': unknown, 'REQUEST_METHOD': 'PATCH'}) is None
