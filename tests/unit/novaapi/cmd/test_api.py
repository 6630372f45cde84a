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


TURN_CHECK = textwrap.dedent('''
    import socket
    import sys
    from novaapi.cmd import api
    import eventlet
    from eventlet import wsgi
    from eventlet.green import socket as green_socket

    order = []

    def app(environ, start_response):
        order.append(environ['PATH_INFO'])
        start_response('200 OK', [('Content-Length', '2')])
        return [b'ok']

    protocol = api.FairProtocol if sys.argv[1] == 'fair' else wsgi.HttpProtocol
    listener = eventlet.listen(('127.0.0.1', 0))
    # Both clients connect and send before the server runs: A two requests at once
    # (the second already waiting when the first is answered), B one.
    clients = []
    for paths in (['/a1', '/a2'], ['/b1']):
        client = green_socket.create_connection(listener.getsockname())
        client.sendall(b''.join(b'GET %s HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n' % p.encode()
                                for p in paths))
        clients.append(client)
    eventlet.spawn(wsgi.server, listener, app, protocol=protocol, log_output=False)
    for _ in range(50):
        if len(order) == 3:
            break
        eventlet.sleep(0.02)
    print(' '.join(order))
''')


def _served(protocol):
    return subprocess.run([sys.executable, '-c', TURN_CHECK, protocol], capture_output=True,
                          text=True, timeout=60, check=True).stdout.split()


def test_a_kept_alive_connection_gives_way_after_each_request():
    # eventlet's own protocol serves A's waiting second request before B's first;
    # nova-api's answers B in between.
    assert _served('plain') == ['/a1', '/a2', '/b1']
    assert _served('fair') == ['/a1', '/b1', '/a2']
