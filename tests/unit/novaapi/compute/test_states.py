"""Nova's status mapping and its inverse used by the ``status`` filter."""

import pytest

from novaapi.compute import states as s


@pytest.mark.parametrize('vm_state,task_state,expected', [
    (s.ACTIVE, None, 'ACTIVE'), (s.ACTIVE, s.REBOOTING, 'REBOOT'),
    (s.ACTIVE, s.REBOOT_STARTED_HARD, 'HARD_REBOOT'), (s.ACTIVE, s.UPDATING_PASSWORD, 'PASSWORD'),
    (s.ACTIVE, s.REBUILD_SPAWNING, 'REBUILD'), (s.ACTIVE, s.MIGRATING, 'MIGRATING'),
    (s.ACTIVE, s.RESIZE_PREP, 'RESIZE'), (s.ACTIVE, s.POWERING_OFF, 'ACTIVE'),
    (s.BUILDING, s.SPAWNING, 'BUILD'), (s.STOPPED, None, 'SHUTOFF'),
    (s.STOPPED, s.RESIZE_FINISH, 'RESIZE'), (s.STOPPED, s.REBUILDING, 'REBUILD'),
    (s.RESIZED, None, 'VERIFY_RESIZE'), (s.RESIZED, s.RESIZE_REVERTING, 'REVERT_RESIZE'),
    (s.PAUSED, s.MIGRATING, 'MIGRATING'), (s.SUSPENDED, None, 'SUSPENDED'),
    (s.RESCUED, None, 'RESCUE'), (s.ERROR, s.REBUILDING, 'REBUILD'), (s.ERROR, None, 'ERROR'),
    (s.SOFT_DELETED, None, 'SOFT_DELETED'), (s.SHELVED, None, 'SHELVED'),
    (s.SHELVED_OFFLOADED, None, 'SHELVED_OFFLOADED'), ('bogus', None, 'UNKNOWN'),
])
def test_status(vm_state, task_state, expected):
    assert s.status(vm_state, task_state) == expected


def test_deleted_is_deleted():
    assert s.status(s.ACTIVE, None, deleted=True) == 'DELETED'


def test_every_status_round_trips():
    """Each (vm_state, task_state) maps back into the filter of its own status."""
    for vm_state in s.VM_STATES:
        for task_state in (None,) + s.TASK_STATES:
            name = s.status(vm_state, task_state)
            pairs = s.states_for_status(name.lower())
            assert any(vm == vm_state and (tasks is None or (task_state in tasks[0] if tasks[0]
                                                             else task_state not in tasks[1]))
                       for vm, tasks in pairs), (vm_state, task_state, name)


def test_unknown_status():
    assert s.states_for_status('nonsense') is None
