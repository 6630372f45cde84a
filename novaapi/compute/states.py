"""Nova's instance states: vm_state, task_state, power_state and the API ``status`` derived from them."""

# vm_state
ACTIVE = 'active'
BUILDING = 'building'
PAUSED = 'paused'
SUSPENDED = 'suspended'
STOPPED = 'stopped'
RESCUED = 'rescued'
RESIZED = 'resized'
SOFT_DELETED = 'soft-delete'
DELETED = 'deleted'
ERROR = 'error'
SHELVED = 'shelved'
SHELVED_OFFLOADED = 'shelved_offloaded'

VM_STATES = (ACTIVE, BUILDING, PAUSED, SUSPENDED, STOPPED, RESCUED, RESIZED, SOFT_DELETED,
             DELETED, ERROR, SHELVED, SHELVED_OFFLOADED)

# task_state
SCHEDULING = 'scheduling'
BLOCK_DEVICE_MAPPING = 'block_device_mapping'
NETWORKING = 'networking'
SPAWNING = 'spawning'
IMAGE_SNAPSHOT = 'image_snapshot'
IMAGE_SNAPSHOT_PENDING = 'image_snapshot_pending'
IMAGE_PENDING_UPLOAD = 'image_pending_upload'
IMAGE_UPLOADING = 'image_uploading'
IMAGE_BACKUP = 'image_backup'
UPDATING_PASSWORD = 'updating_password'
RESIZE_PREP = 'resize_prep'
RESIZE_MIGRATING = 'resize_migrating'
RESIZE_MIGRATED = 'resize_migrated'
RESIZE_FINISH = 'resize_finish'
RESIZE_REVERTING = 'resize_reverting'
RESIZE_CONFIRMING = 'resize_confirming'
REBOOTING = 'rebooting'
REBOOT_PENDING = 'reboot_pending'
REBOOT_STARTED = 'reboot_started'
REBOOTING_HARD = 'rebooting_hard'
REBOOT_PENDING_HARD = 'reboot_pending_hard'
REBOOT_STARTED_HARD = 'reboot_started_hard'
PAUSING = 'pausing'
UNPAUSING = 'unpausing'
SUSPENDING = 'suspending'
RESUMING = 'resuming'
POWERING_OFF = 'powering-off'
POWERING_ON = 'powering-on'
RESCUING = 'rescuing'
UNRESCUING = 'unrescuing'
REBUILDING = 'rebuilding'
REBUILD_BLOCK_DEVICE_MAPPING = 'rebuild_block_device_mapping'
REBUILD_SPAWNING = 'rebuild_spawning'
MIGRATING = 'migrating'
DELETING = 'deleting'
SOFT_DELETING = 'soft-deleting'
RESTORING = 'restoring'
SHELVING = 'shelving'
SHELVING_IMAGE_PENDING_UPLOAD = 'shelving_image_pending_upload'
SHELVING_IMAGE_UPLOADING = 'shelving_image_uploading'
SHELVING_OFFLOADING = 'shelving_offloading'
UNSHELVING = 'unshelving'

TASK_STATES = (
    SCHEDULING, BLOCK_DEVICE_MAPPING, NETWORKING, SPAWNING, IMAGE_SNAPSHOT, IMAGE_SNAPSHOT_PENDING,
    IMAGE_PENDING_UPLOAD, IMAGE_UPLOADING, IMAGE_BACKUP, UPDATING_PASSWORD, RESIZE_PREP,
    RESIZE_MIGRATING, RESIZE_MIGRATED, RESIZE_FINISH, RESIZE_REVERTING, RESIZE_CONFIRMING,
    REBOOTING, REBOOT_PENDING, REBOOT_STARTED, REBOOTING_HARD, REBOOT_PENDING_HARD,
    REBOOT_STARTED_HARD, PAUSING, UNPAUSING, SUSPENDING, RESUMING, POWERING_OFF, POWERING_ON,
    RESCUING, UNRESCUING, REBUILDING, REBUILD_BLOCK_DEVICE_MAPPING, REBUILD_SPAWNING, MIGRATING,
    DELETING, SOFT_DELETING, RESTORING, SHELVING, SHELVING_IMAGE_PENDING_UPLOAD,
    SHELVING_IMAGE_UPLOADING, SHELVING_OFFLOADING, UNSHELVING)

# power_state
NOSTATE = 0
RUNNING = 1
PAUSED_POWER = 3
SHUTDOWN = 4
CRASHED = 6
SUSPENDED_POWER = 7

POWER_STATES = (NOSTATE, RUNNING, PAUSED_POWER, SHUTDOWN, CRASHED, SUSPENDED_POWER)

_REBOOT_SOFT = (REBOOTING, REBOOT_PENDING, REBOOT_STARTED)
_REBOOT_HARD = (REBOOTING_HARD, REBOOT_PENDING_HARD, REBOOT_STARTED_HARD)
_REBUILD = (REBUILDING, REBUILD_BLOCK_DEVICE_MAPPING, REBUILD_SPAWNING)
_RESIZE = (RESIZE_PREP, RESIZE_MIGRATING, RESIZE_MIGRATED, RESIZE_FINISH)

# vm_state -> ({task_state: status}, default status)
_STATE_MAP = {
    ACTIVE: (dict([(t, 'REBOOT') for t in _REBOOT_SOFT] + [(t, 'HARD_REBOOT') for t in _REBOOT_HARD]
                  + [(UPDATING_PASSWORD, 'PASSWORD'), (MIGRATING, 'MIGRATING')]
                  + [(t, 'REBUILD') for t in _REBUILD] + [(t, 'RESIZE') for t in _RESIZE]), 'ACTIVE'),
    BUILDING: ({}, 'BUILD'),
    STOPPED: (dict([(t, 'RESIZE') for t in _RESIZE] + [(t, 'REBUILD') for t in _REBUILD]), 'SHUTOFF'),
    RESIZED: ({RESIZE_REVERTING: 'REVERT_RESIZE'}, 'VERIFY_RESIZE'),
    PAUSED: ({MIGRATING: 'MIGRATING'}, 'PAUSED'),
    SUSPENDED: ({}, 'SUSPENDED'),
    RESCUED: ({}, 'RESCUE'),
    ERROR: (dict((t, 'REBUILD') for t in _REBUILD), 'ERROR'),
    DELETED: ({}, 'DELETED'),
    SOFT_DELETED: ({}, 'SOFT_DELETED'),
    SHELVED: ({}, 'SHELVED'),
    SHELVED_OFFLOADED: ({}, 'SHELVED_OFFLOADED'),
}

STATUSES = ('ACTIVE', 'BUILD', 'DELETED', 'ERROR', 'HARD_REBOOT', 'MIGRATING', 'PASSWORD', 'PAUSED',
            'REBOOT', 'REBUILD', 'RESCUE', 'RESIZE', 'REVERT_RESIZE', 'SHELVED', 'SHELVED_OFFLOADED',
            'SHUTOFF', 'SOFT_DELETED', 'SUSPENDED', 'UNKNOWN', 'VERIFY_RESIZE')

# Statuses whose servers show ``progress``.
PROGRESS_STATUSES = ('ACTIVE', 'BUILD', 'REBUILD', 'RESIZE', 'VERIFY_RESIZE', 'MIGRATING')


# The statuses whose server shows its latest fault.
FAULT_STATUSES = ('ERROR', 'DELETED')


def status(vm_state, task_state, deleted=False):
    """The API ``status`` of an instance."""
    if deleted:
        return 'DELETED'
    overrides, default = _STATE_MAP.get(vm_state, ({}, 'UNKNOWN'))
    return overrides.get(task_state, default)


def shows_fault(instance):
    """Whether the server views show ``instance``'s latest fault (an ERROR or DELETED server)."""
    return status(instance.vm_state, instance.task_state, bool(instance.deleted)) in FAULT_STATUSES


def states_for_status(name):
    """``[(vm_state, task_states)]`` giving the status ``name`` (any case), or None if it is no status.

    ``task_states`` is None when every task state gives that status; otherwise
    ``(included, excluded)``: the task states that do, or (for a default
    status) the overriding ones that do not (``None`` in a tuple means idle).
    """
    name = name.upper()
    if name not in STATUSES:
        return None
    result = []
    for vm_state, (overrides, default) in _STATE_MAP.items():
        matching = tuple(task for task, value in overrides.items() if value == name)
        if default == name:
            result.append((vm_state, None if not overrides else ((), tuple(overrides))))
        elif matching:
            result.append((vm_state, (matching, ())))
    return result
