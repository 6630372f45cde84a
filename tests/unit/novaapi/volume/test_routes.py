"""The block-storage route table: every handler is a controller's, every path a project's."""

from novaapi.volume import routes


def test_every_route_goes_to_a_controller():
    for path, methods in routes.ROUTES:
        assert path.startswith('/v3/{project_id}/'), path
        for method, handler in methods.items():
            assert handler.__module__.startswith('novaapi.volume.controllers.'), (path, method)
