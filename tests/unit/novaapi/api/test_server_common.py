"""The controller of ``POST /servers/{id}/action``: every action group's methods behind one key."""

import pytest

from novaapi.api import routes
from novaapi.api import server_common
from novaapi.api import server_lifecycle
from novaapi.api import server_moves
from novaapi.api import wsgi


def test_actions_of_every_group_are_dispatched():
    controller = routes.CONTROLLERS['server_actions']
    assert controller.wsgi_actions['os-stop'] is server_lifecycle.LifecycleActions.wsgi_actions[
        'os-stop']
    assert controller.wsgi_actions['resize'] is server_moves.MoveActions.wsgi_actions['resize']
    assert {'rebuild', 'createImage', 'os-getVNCConsole', 'resetNetwork'} <= set(
        controller.wsgi_actions)


def test_an_action_declared_by_two_groups_is_refused():
    class Again(wsgi.Controller):
        @wsgi.action('os-stop')
        def _stop(self, req, id, body):
            pass

    with pytest.raises(ValueError, match='os-stop'):
        server_common.action_controller(server_lifecycle.LifecycleActions, Again)
