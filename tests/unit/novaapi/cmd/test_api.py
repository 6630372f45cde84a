"""nova-api start-up: every forked worker runs its own eventlet hub.

Importing ``novaapi.cmd.api`` monkey-patches the interpreter, so the checks run
in a child interpreter rather than in the test process.
"""

import subprocess
import sys
import textwrap

FORK_CHECK = textwrap.dedent('''
    import os
    from novaapi.cmd import api
    import eventlet
    from eventlet import hubs

    parent = hubs.get_hub()
    eventlet.sleep(0)  # the parent's hub has run, as nova-api's has before it forks
    parent_poll = parent.poll.fileno()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        inherited = hubs.get_hub()
        own = api.own_hub()
        eventlet.sleep(0)
        os.write(write_end, b'%d %d %d %d' % (inherited is parent, own is parent,
                                              own.poll.fileno() != parent_poll, hubs.get_hub() is own))
        os._exit(0)
    os.close(write_end)
    print(os.read(read_end, 100).decode(), hubs.get_hub() is parent)
    os.waitpid(pid, 0)
''')


def test_a_forked_worker_gets_a_hub_and_poller_of_its_own():
    out = subprocess.run([sys.executable, '-c', FORK_CHECK], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    # The child inherited the parent's hub, replaced it with one of its own (another
    # poller) and runs on it; the parent keeps its own.
    assert out.split() == ['1', '0', '1', '1', 'True']
