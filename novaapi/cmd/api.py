"""``nova-api``: serve the identity, compute, image, network and block-storage endpoints from one process tree.

The parent prepares the database once and reserves the five ports, then
forks ``--workers`` eventlet workers, each with listening sockets of its own
on those ports (``SO_REUSEPORT``: the kernel spreads new connections over the
workers), and one background worker that runs the state machine and the
heartbeat so that no request waits behind them.  SIGTERM (or SIGINT) stops
accepting, lets in-flight requests finish and exits.
"""

import warnings

warnings.filterwarnings('ignore', message='(?s).*Eventlet is deprecated')

import eventlet  # noqa: E402 - after the warning filter

eventlet.monkey_patch()

import argparse  # noqa: E402 - after monkey patching, as eventlet requires
import logging  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402

from eventlet import hubs  # noqa: E402
from eventlet import wsgi  # noqa: E402
from paste import deploy  # noqa: E402

from novaapi import conf  # noqa: E402
from novaapi.db import engine  # noqa: E402
from novaapi import service  # noqa: E402

LOG = logging.getLogger('novaapi.api')
GRACE_SECONDS = 30


def build_parser(prog='nova-api'):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument('--config-file', metavar='PATH', help='INI file with the options below and more.')
    for opt in conf.cli_options():
        flag = '--' + ('database' if opt.section == 'database' else opt.name).replace('_', '-')
        default = '' if opt.default is None or opt.secret else ' (default: %s)' % opt.default
        parser.add_argument(flag, dest='%s.%s' % (opt.section, opt.name), metavar=opt.name.upper(),
                            help=opt.help + default)
    return parser


def load_config(argv, prog='nova-api'):
    """Apply the config file, then the command line; return the parsed namespace."""
    args = build_parser(prog).parse_args(argv)
    conf.CONF.reset()
    try:
        if args.config_file:
            conf.read_file(conf.CONF, args.config_file)
        for key, value in vars(args).items():
            if '.' in key and value is not None:
                conf.CONF.set(*key.split('.'), value)
    except (OSError, ValueError) as exc:
        sys.exit('%s: %s' % (prog, exc))
    return args


def load_apps():
    path = 'config:' + conf.CONF.paste_config
    return {name: deploy.loadapp(path, name={'compute': 'osapi_compute'}.get(name, name))
            for name in service.SERVICES}


class FairProtocol(wsgi.HttpProtocol):
    """eventlet's HTTP protocol, giving way after every request of a kept-alive connection.

    A greenthread yields only when it would block; a client that sends its
    next request before the response's last bytes are out finds the server
    reading it at once, so one connection could be served again and again
    while the worker's others waited (seconds at the 99th percentile under
    wrk).  Yielding after each request lets every ready connection have its
    turn first.
    """

    def handle_one_request(self):
        super().handle_one_request()
        eventlet.sleep(0)


def _serve(sockets, apps):
    """Worker body: one eventlet WSGI server per socket until SIGTERM.

    With no sockets, the background worker: the :data:`service.BACKGROUND` loops.
    """
    own_hub()
    engine.reset()
    pool = eventlet.GreenPool(1000)
    servers = [eventlet.spawn(wsgi.server, sockets[name], apps[name], custom_pool=pool,
                              protocol=FairProtocol, log_output=False, socket_timeout=900,
                              keepalive=True)
               for name in sockets]
    if not sockets:
        servers = [eventlet.spawn(task) for task in service.background_tasks()]

    stopping = []

    def stop(signum, frame):
        # Only note it: a signal handler must not switch greenlets.
        stopping.append(signum)

    def watch():
        # The hub may sleep in epoll with nothing scheduled; this tick notices the signal.
        while not stopping:
            eventlet.sleep(0.2)
        if not sockets:
            # The background loops serve no client, and a kill can be lost inside a driver's
            # wait (psycopg2 turns it into an error the loop retries): exit at once. A step
            # cut short is rolled back with its transaction, still due for the next runner.
            os._exit(0)
        for server in servers:
            server.kill()
        for sock in sockets.values():
            try:
                sock.close()
            except OSError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    eventlet.spawn_n(watch)
    for server in servers:
        try:
            server.wait()
        except BaseException:  # noqa: BLE001 - a killed server ends with GreenletExit
            pass
    with eventlet.Timeout(GRACE_SECONDS, False):
        pool.waitall()
    os._exit(0)


def own_hub():
    """Give a freshly forked worker an eventlet hub of its own.

    A hub the parent made before forking (its epoll descriptor comes along)
    would be one kernel object shared by every worker and the parent: each
    process would be woken for the others' sockets, spin on events it cannot
    handle, and one worker would take a burst of connections alone.
    """
    hubs.use_hub()
    return hubs.get_hub()


REUSE_PORT = hasattr(socket, 'SO_REUSEPORT') and sys.platform.startswith('linux')
"""Linux spreads the connections of a port over the listening sockets that share it."""


def _listen(port, reuse_port=REUSE_PORT):
    sock = eventlet.listen((conf.CONF.host, port), backlog=512, reuse_port=reuse_port)
    # Accepted sockets inherit this: a response whose headers and body leave in two
    # writes must not wait ~40 ms for the client's delayed ACK (Nagle's algorithm).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def _reserve(port):
    """Hold ``port`` for this ``nova-api``: an OSError when anything else has it.

    The workers listen on sockets of their own sharing the port; this bound, not
    listening, socket keeps it ours while a worker is replaced (it takes no
    connections).  Another ``nova-api`` started on the same port fails here instead
    of silently sharing it.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((conf.CONF.host, port))  # no SO_REUSEPORT: refused if any socket holds it
    finally:
        probe.close()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((conf.CONF.host, port))
    return sock


class Listeners:
    """The sockets each new worker serves: its own (``SO_REUSEPORT``) or one shared set."""

    def __init__(self):
        ports = {name: conf.CONF.get('DEFAULT', name + '_port') for name in service.SERVICES}
        if REUSE_PORT:
            self.held = {name: _reserve(port) for name, port in ports.items()}
            self.ports = {name: sock.getsockname()[1] for name, sock in self.held.items()}
            self.shared = None
        else:
            self.held = self.shared = {name: _listen(port) for name, port in ports.items()}

    def for_worker(self):
        if self.shared is not None:
            return self.shared
        # Listening before the fork: connections queue until the worker accepts them.
        return {name: _listen(port) for name, port in self.ports.items()}

    def release(self, sockets):
        """The parent's copies of a forked worker's own sockets."""
        if sockets is not self.shared:
            for sock in sockets.values():
                sock.close()


def _spawn(listeners, apps, background=False):
    sockets = {} if background else listeners.for_worker()
    pid = os.fork()
    if pid == 0:
        _serve(sockets, apps)
    if not background:
        listeners.release(sockets)
    return pid


def main(argv=None):
    load_config(argv)
    service.setup_logging()
    try:
        openrc = service.prepare()
        apps = load_apps()
        listeners = Listeners()
    except Exception as exc:  # noqa: BLE001 - one clear line instead of a traceback
        LOG.debug('start-up failed', exc_info=True)
        sys.exit('nova-api: cannot start: %s' % exc)
    engine.reset()
    service.freeze_loaded()
    workers = {_spawn(listeners, apps): False for _ in range(conf.CONF.worker_count)}
    workers[_spawn(listeners, apps, background=True)] = True
    urls = ' '.join('%s %s' % (name, conf.CONF.endpoint_url(name)) for name in service.SERVICES)
    print('nova-api ready: %s admin-openrc %s demo-openrc %s workers %d'
          % (urls, openrc['admin'], openrc['demo'], conf.CONF.worker_count), flush=True)
    _supervise(workers, listeners, apps)


def _supervise(workers, listeners, apps):
    """Wait for the workers (``{pid: is_background}``); replace one that dies."""
    stopping = []

    def stop(signum, frame):
        stopping.append(signum)
        for pid in workers:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while workers:
        try:
            pid, _status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        background = workers.pop(pid, False)
        if not stopping:
            LOG.warning('worker %d exited; starting another', pid)
            workers[_spawn(listeners, apps, background)] = background
    LOG.info('nova-api stopped')


if __name__ == '__main__':
    main()
