"""nova-api's process tree: connections spread over the workers, one background worker, one owner per port."""

import http.client
import os
import subprocess

import pytest

from tests.functional import server as server_mod

pytestmark = pytest.mark.functional

CONNECTIONS = 32


@pytest.fixture(scope='module')
def api(tmp_path_factory):
    srv = server_mod.start_api(tmp_path_factory.mktemp('workers'), workers=2)
    yield srv
    srv.stop()


def _children(pid):
    with open('/proc/%d/task/%d/children' % (pid, pid), encoding='ascii') as f:
        return [int(p) for p in f.read().split()]


def _socket_inodes(pid):
    inodes = set()
    for fd in os.listdir('/proc/%d/fd' % pid):
        try:
            target = os.readlink('/proc/%d/fd/%s' % (pid, fd))
        except OSError:
            continue
        if target.startswith('socket:['):
            inodes.add(target[8:-1])
    return inodes


def _tcp(port, state):
    """Inodes of the IPv4 TCP sockets on local ``port`` in ``state`` (01 established, 0A listen)."""
    found = set()
    with open('/proc/net/tcp', encoding='ascii') as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            if int(fields[1].split(':')[1], 16) == port and fields[3] == state:
                found.add(fields[9])
    return found


def test_connections_spread_over_the_workers(api):
    port = api.ports['compute']
    conns = [http.client.HTTPConnection('127.0.0.1', port, timeout=30) for _ in range(CONNECTIONS)]
    try:
        for conn in conns:
            conn.request('GET', '/')
            assert conn.getresponse().read()
        children = _children(api.process.pid)
        established = _tcp(port, '01')
        listening = _tcp(port, '0A')
        held = {pid: _socket_inodes(pid) for pid in children}
        served = {pid: len(inodes & established) for pid, inodes in held.items()}
        listens = {pid: len(inodes & listening) for pid, inodes in held.items()}
    finally:
        for conn in conns:
            conn.close()
    # Two workers with a listening socket each, plus the background worker with none.
    assert len(children) == 3
    assert sorted(listens.values()) == [0, 1, 1]
    assert not _socket_inodes(api.process.pid) & listening  # the parent only holds the port
    # The kernel hashes each connection to one worker's socket: both get a share.
    # (All 32 on one worker has a probability of 2**-31.)
    shares = sorted(n for pid, n in served.items() if listens[pid])
    assert sum(shares) == CONNECTIONS and shares[0] >= 4, served


def test_a_second_nova_api_on_the_same_ports_refuses_to_start(api, tmp_path):
    data_dir = tmp_path / 'second'
    data_dir.mkdir()
    conf_path = data_dir / 'novaapi.conf'
    conf_path.write_text('[identity]\npassword_hash_rounds = 16\n')
    ports = api.ports
    proc = subprocess.run(server_mod.nova_api_command() + [
        '--data-dir', str(data_dir), '--host', '127.0.0.1', '--workers', '1',
        '--identity-port', str(ports['identity']), '--compute-port', str(ports['compute']),
        '--image-port', str(ports['image']), '--network-port', str(ports['network']),
        '--config-file', str(conf_path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert 'nova-api: cannot start:' in proc.stderr and 'in use' in proc.stderr
