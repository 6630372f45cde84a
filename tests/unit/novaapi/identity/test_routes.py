"""The identity route table: flat, one row per path, every handler a controller function."""

import re

from novaapi.identity import app
from novaapi.identity import routes
from novaapi.identity import store


def test_one_row_per_path_and_controllers_only():
    paths = [path for path, _methods in routes.ROUTE_LIST]
    assert len(paths) == len(set(paths))
    for _path, methods in routes.ROUTE_LIST:
        for method, handler in methods.items():
            assert method in ('GET', 'POST', 'PUT', 'PATCH', 'DELETE')
            assert handler.__module__.startswith('novaapi.identity.controllers.')


def test_the_app_serves_the_table():
    application = app.v3_factory({})
    for path, methods in routes.ROUTE_LIST:
        concrete = re.sub(r'\{[^}]+\}', 'x', path)
        for method, handler in methods.items():
            assert application.router.match(concrete, method)[0] is handler


def test_a_duplicate_past_the_checks_is_keystones_409(client, admin_token, monkeypatch):
    # NOTE: as if a concurrent create won the race past the duplicate check.
    monkeypatch.setattr(store, 'exists', lambda *args, **kwargs: False)
    resp = client.post('/v3/domains', {'domain': {'name': 'Default'}}, token=admin_token)
    assert resp.status_int == 409
    assert resp.data['error']['message'] == (
        'Conflict occurred attempting to store the request - Duplicate entry.')
