"""The image route table: every handler is a controller's.

That controllers stay HTTP only (no database) is an import contract in pyproject.toml.
"""

from novaapi.image import routes


def test_every_route_goes_to_a_controller():
    for path, methods in routes.ROUTES:
        for method, handler in methods.items():
            assert handler.__module__.startswith('novaapi.image.controllers.'), (path, method)

