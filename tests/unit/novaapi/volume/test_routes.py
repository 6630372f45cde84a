"""The block-storage route table: every handler is a controller's, every path a project's."""

from novaapi.volume import routes


def test_every_route_goes_to_a_controller():
    for path, methods in routes.ROUTES:
        assert path.startswith('/v3/{project_id}/'), path
        for method, handler in methods.items():
            assert handler.__module__.startswith('novaapi.volume.controllers.'), (path, method)


def test_every_route_is_also_served_without_the_project():
    """Cinder's ProjectMapper connects each resource with and without ``{project_id}``."""
    assert routes.ALL[:len(routes.ROUTES)] == routes.WITHOUT_PROJECT
    assert routes.ALL[len(routes.ROUTES):] == routes.ROUTES
    for (bare, methods), (path, same) in zip(routes.WITHOUT_PROJECT, routes.ROUTES):
        assert '/v3/{project_id}' + bare[len('/v3'):] == path and methods is same
