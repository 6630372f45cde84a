"""The image route table: every handler is a controller's, and controllers stay HTTP only."""

import ast
import pathlib

from novaapi.image import controllers
from novaapi.image import routes


def test_every_route_goes_to_a_controller():
    for path, methods in routes.ROUTES:
        for method, handler in methods.items():
            assert handler.__module__.startswith('novaapi.image.controllers.'), (path, method)


def test_controllers_neither_use_the_session_nor_import_the_database():
    for source in pathlib.Path(controllers.__file__).parent.glob('*.py'):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Attribute):
                assert node.attr != 'sess', source.name
            elif isinstance(node, ast.ImportFrom):
                assert not (node.module or '').startswith('novaapi.db'), source.name
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith('novaapi.db') for a in node.names), source.name
