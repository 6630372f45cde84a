"""The network route table: every handler is a controller's.

That controllers stay HTTP only (no database) is an import contract in pyproject.toml.
"""

from novaapi.network import routes


def test_every_route_goes_to_a_controller():
    for path, methods in routes.ROUTES:
        for method, handler in methods.items():
            assert handler.__module__.startswith('novaapi.network.controllers.'), (path, method)

