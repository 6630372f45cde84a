"""What every server sub-resource does first: find the server, check policy, check its state."""


from novaapi.compute import guards
from novaapi.compute import instances
from novaapi.compute import policy
from novaapi import exception


def server(sess, ctx, server_id, rule, read_deleted=False, lock=False):
    """The server ``server_id`` (404 when unknown or another project's), after policy ``rule``.

    The policy target is the server's project, as in Nova; ``rule`` None leaves
    the check to the caller.
    """
    if lock:
        begin_write(sess)
    instance = instances.get(sess, ctx, server_id, read_deleted=read_deleted, lock=lock)
    if rule:
        policy.authorize(ctx, rule, target={'project_id': instance.project_id})
    return instance


def begin_write(sess):
    """On SQLite take the write lock up front: a read-then-write transaction cannot lose it later.

    NOTE: in WAL mode a transaction that read first and writes second fails
    when another writer committed in between; PostgreSQL and MariaDB use the
    row lock of the instance instead.
    """
    connection = sess.connection()
    if connection.dialect.name == 'sqlite':
        raw = connection.connection.driver_connection
        if not raw.in_transaction:
            raw.execute('BEGIN IMMEDIATE')


def check(ctx, instance, action, vm_states, task_states=(None,), lock=True, launched=True):
    """Nova's ``check_instance_lock`` + ``check_instance_state`` with the API's wording."""
    guard = guards.Guard(vm_states, task_states, lock=lock, launched=launched)
    guard.check(ctx, instance, action)


def invalid_state(instance, action, attr, state):
    """An API-side refusal worded like :func:`check`'s."""
    return exception.InstanceInvalidState(action=action, instance_uuid=instance.uuid, attr=attr,
                                          state=state)
