#!/usr/bin/env python3
"""Load-test nova-api against a bare eventlet app that returns the same bytes.

    python tools/bench_api.py [--workers 2] [--database URL] [--connections 16,64]
                              [--duration 5] [--rounds 3] [--servers 10]
    python tools/bench_api.py --storm [--boots 1000] [--clients 20] [--hosts 8] [--database URL]

Request mode: starts the real ``nova-api`` (temporary data directory, free
loopback ports), boots ``--servers`` servers with one port each, records the
exact responses of ``GET /servers/{id}`` and ``GET /servers/detail``, then
starts the *ceiling*: a bare ``eventlet.wsgi`` app, forked into the same
number of workers (each with its own hub), that answers those paths with the
recorded status, headers and body.  ``wrk`` (Debian's package) drives both
with the same script, alternating ceiling and ours in every round; the table
gives medians of req/s, p50 and p99, socket errors, the ratios, and the CPU time
each request cost ours (its worker processes) and the database server (PostgreSQL's
or MariaDB's processes on this machine; none for SQLite).
``--compare-workers`` also runs ours with one worker in the same rounds, and
``--compare-database URL`` ours on another database (PostgreSQL against
SQLite, say), so that their ratio comes from the same minutes.

Storm mode: ``--clients`` threads post ``--boots`` servers (one port each, on
a network made big enough for all of them) as fast as they are accepted, over ``--hosts`` simulated hosts; prints
accepted boots per second, the POST p50/p99, how long after the last accept
every server was ACTIVE, and how long ``GET /servers/detail?limit=1000``
takes afterwards (the first read, with nothing kept by the workers, and the median of three).

The load average is printed with every figure: the host is shared, so
compare only figures measured in the same run.  Exits 0 whatever the figures.
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import requests  # noqa: E402

from tests.functional import server as server_mod  # noqa: E402

MICROVERSION = '2.37'
UNITS = {'us': 1e-6, 'ms': 1e-3, 's': 1.0, 'm': 60.0}

BARE_APP = r'''
import json, os, signal, socket, sys, warnings
warnings.filterwarnings('ignore', message='(?s).*Eventlet is deprecated')
import eventlet
eventlet.monkey_patch()
from eventlet import hubs, wsgi

port, workers, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
with open(path) as f:
    pages = {p: (s, [tuple(h) for h in hs], b.encode('latin-1')) for p, (s, hs, b) in json.load(f).items()}

def app(environ, start_response):
    path = environ['PATH_INFO'] + ('?' + environ['QUERY_STRING'] if environ.get('QUERY_STRING') else '')
    status, headers, body = pages.get(path, ('404 Not Found', [('Content-Length', '0')], b''))
    start_response(status, headers)
    return [body]

# One listening socket per worker on the same port, as nova-api has (SO_REUSEPORT): the kernel
# spreads new connections over them. With one shared socket a burst of connections could all
# land on one worker, and the ceiling measured one core in some runs and two in others.
socks = []
for _ in range(workers):
    sock = eventlet.listen(('127.0.0.1', port), backlog=512, reuse_port=True)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    socks.append(sock)
children = []
for sock in socks:
    pid = os.fork()
    if pid == 0:
        hubs.use_hub()
        wsgi.server(sock, app, log_output=False, keepalive=True, custom_pool=eventlet.GreenPool(1000))
        os._exit(0)
    children.append(pid)
print('ready', flush=True)
signal.signal(signal.SIGTERM, lambda *a: [os.kill(c, signal.SIGKILL) for c in children] and os._exit(0))
for _ in children:
    os.wait()
'''


def cpu_ticks(pid):
    """``{child pid: user+system clock ticks}`` of a process's children (its workers)."""
    ticks = {}
    try:
        with open('/proc/%d/task/%d/children' % (pid, pid), encoding='ascii') as f:
            children = [int(p) for p in f.read().split()]
    except OSError:
        return ticks
    for child in children:
        try:
            with open('/proc/%d/stat' % child, encoding='ascii') as f:
                fields = f.read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        ticks[child] = int(fields[11]) + int(fields[12])
    return ticks


def worker_shares(before, after):
    """Each worker's part of the CPU the workers used between two ``cpu_ticks`` readings."""
    used = sorted((after[pid] - before.get(pid, 0) for pid in after), reverse=True)
    total = sum(used) or 1
    return [round(u / total, 2) for u in used]


DATABASE_SERVERS = ('postgres', 'mariadbd', 'mysqld')
TICK = 1.0 / os.sysconf('SC_CLK_TCK')


def database_ticks():
    """User+system clock ticks of this machine's database server processes (PostgreSQL's
    backends, MariaDB); SQLite has none, it runs inside the workers."""
    total = 0
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % pid, encoding='ascii', errors='replace') as f:
                head, _, tail = f.read().rpartition(')')
        except OSError:
            continue
        if head.split('(', 1)[-1] in DATABASE_SERVERS:
            fields = tail.split()
            total += int(fields[11]) + int(fields[12])
    return total


def loadavg():
    with open('/proc/loadavg', encoding='ascii') as f:
        return float(f.read().split()[0])


def seconds(text):
    match = re.match(r'([\d.]+)(us|ms|s|m)$', text)
    return float(match.group(1)) * UNITS[match.group(2)]


def wrk(url, token, connections, duration):
    """One wrk run: ``{rps, p50, p99, errors, non2xx, load}``."""
    threads = min(2, connections)
    argv = ['wrk', '-t%d' % threads, '-c%d' % connections, '-d%ds' % duration, '--latency',
            '--timeout', '10s', '-H', 'X-Auth-Token: %s' % token,
            '-H', 'OpenStack-API-Version: compute %s' % MICROVERSION, url]
    load = loadavg()
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    result = {'load': load, 'errors': 0, 'non2xx': 0}
    result['rps'] = float(re.search(r'Requests/sec:\s+([\d.]+)', out).group(1))
    result['requests'] = int(re.search(r'(\d+) requests in', out).group(1))
    result['p50'] = seconds(re.search(r'\s50%\s+(\S+)', out).group(1))
    result['p99'] = seconds(re.search(r'\s99%\s+(\S+)', out).group(1))
    errors = re.search(r'Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)', out)
    if errors:
        result['errors'] = sum(int(n) for n in errors.groups())
    non2xx = re.search(r'Non-2xx or 3xx responses: (\d+)', out)
    if non2xx:
        result['non2xx'] = int(non2xx.group(1))
    return result


def admin(api):
    sess = api.session()
    compute = sess.get_endpoint(service_type='compute', interface='public')
    return sess, compute


def unlimited_quota(sess, compute):
    project = sess.get_project_id()
    body = {'quota_set': {'instances': -1, 'cores': -1, 'ram': -1}}
    resp = sess.put(compute + '/os-quota-sets/%s' % project, json=body)
    assert resp.status_code == 200, resp.text


def image_id(api, sess):
    return sess.get(api.image_url + '/v2/images', params={'name': 'cirros'}).json()['images'][0]['id']


def storm_network(api, sess, boots):
    """A network with room for every boot (the default 'private' /24 holds ~250 ports)."""
    prefix = max(8, min(24, 32 - (boots + 16).bit_length()))
    quota = sess.put(api.network_url + '/v2.0/quotas/%s' % sess.get_project_id(),
                     json={'quota': {'port': -1}})
    assert quota.status_code == 200, quota.text
    net = sess.post(api.network_url + '/v2.0/networks', json={'network': {'name': 'storm'}})
    assert net.status_code == 201, net.text
    net_id = net.json()['network']['id']
    subnet = sess.post(api.network_url + '/v2.0/subnets', json={'subnet': {
        'network_id': net_id, 'ip_version': 4, 'cidr': '172.16.0.0/%d' % prefix}})
    assert subnet.status_code == 201, subnet.text
    return net_id


def boot(sess, compute, image, name):
    body = {'server': {'name': name, 'flavorRef': '1', 'imageRef': image, 'networks': 'auto'}}
    return sess.post(compute + '/servers', json=body, raise_exc=False,
                     headers={'OpenStack-API-Version': 'compute %s' % MICROVERSION})


def settled(sess, compute, status):
    return len(sess.get(compute + '/servers', params={'status': status, 'limit': 1000}).json()['servers'])


def wait_active(sess, compute, count, timeout=600):
    """When ``count`` servers are ACTIVE or ERROR (an ERROR one never becomes ACTIVE)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if settled(sess, compute, 'ACTIVE') + settled(sess, compute, 'ERROR') >= count:
            return time.monotonic()
        time.sleep(0.1)
    raise SystemExit('servers did not settle')


def start_api(data_dir, workers, database, hosts=None, build_time=None):
    config = ''
    if hosts or build_time is not None:
        config += '[compute]\n'
        if hosts:
            # Room for a whole storm on the smallest fleet: placement, not capacity, is measured.
            config += 'hosts = %s\nhost_vcpus = 1024\nhost_memory_mb = 1048576\nhost_local_gb = 100000\n' % hosts
        if build_time is not None:
            config += 'build_time = %s\n' % build_time
    return server_mod.ApiServer(data_dir, config_text=config or None, workers=workers,
                                database=database)


def record(api, token, paths):
    """``{path: (status, headers, body)}`` exactly as nova-api answered."""
    pages = {}
    for path in paths:
        resp = requests.get(api.compute_url.rsplit('/v2.1', 1)[0] + path, timeout=30,
                            headers={'X-Auth-Token': token,
                                     'OpenStack-API-Version': 'compute %s' % MICROVERSION})
        assert resp.status_code == 200, resp.text
        headers = [(k, v) for k, v in resp.raw.headers.items()
                   if k.lower() not in ('date', 'connection', 'transfer-encoding')]
        pages[path] = ('%d %s' % (resp.status_code, resp.reason), headers,
                       resp.content.decode('latin-1'))
    return pages


procs_to_kill = []


def stop_bare():
    """Kill the bare app and its forked workers (their own process group)."""
    while procs_to_kill:
        proc = procs_to_kill.pop()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


def start_bare(pages, workers, tmp):
    path = os.path.join(tmp, 'pages.json')
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(pages, f)
    script = os.path.join(tmp, 'bare_app.py')
    with open(script, 'w', encoding='utf-8') as f:
        f.write(BARE_APP)
    port = server_mod.free_ports(1)[0]
    proc = subprocess.Popen([sys.executable, script, str(port), str(workers), path],
                            stdout=subprocess.PIPE, text=True, start_new_session=True)
    procs_to_kill.append(proc)
    assert proc.stdout.readline().strip() == 'ready'
    return proc, 'http://127.0.0.1:%d' % port


def median(samples, key):
    return statistics.median(s[key] for s in samples)


def deployment(tmp, name, workers, database, servers):
    """A running ``nova-api`` with ``servers`` ACTIVE servers: ``(api, token, cases)``,
    ``cases`` being the paths of a show and of a page of detail."""
    api = start_api(os.path.join(tmp, name), workers, database)
    sess, compute = admin(api)
    image = image_id(api, sess)
    for index in range(servers):
        resp = boot(sess, compute, image, 'bench-%03d' % index)
        assert resp.status_code == 202, resp.text
    wait_active(sess, compute, servers)
    first = sess.get(compute + '/servers').json()['servers'][0]['id']
    prefix = urllib.parse.urlsplit(compute).path.rstrip('/')
    return api, sess.get_token(), {'show': prefix + '/servers/' + first,
                                   'detail': prefix + '/servers/detail'}


def measure(target, case, conns, duration):
    """One wrk run on ``target`` (with, for a deployment of ours, its CPU per request)."""
    url, token, cases, parent = target
    before = cpu_ticks(parent) if parent else {}
    db_before = database_ticks()
    result = wrk(url + cases[case], token, conns, duration)
    result['shares'] = ''
    if parent:
        after = cpu_ticks(parent)
        # CPU per request: ours (every worker) and the database server.
        per = TICK * 1e6 / max(result['requests'], 1)
        result['cpu_ours'] = per * sum(after[pid] - before.get(pid, 0) for pid in after)
        result['cpu_db'] = per * (database_ticks() - db_before)
        # The background worker uses (almost) nothing here: the top shares are the
        # request workers'.
        result['shares'] = ' CPU shares %s, CPU/req ours %.0f us database %.0f us' % (
            worker_shares(before, after), result['cpu_ours'], result['cpu_db'])
    return result


def request_mode(args):
    tmp = tempfile.mkdtemp(prefix='bench-api-')
    procs = []
    try:
        api, token, cases = deployment(tmp, 'ours', args.workers, args.database, args.servers)
        procs.append(api)
        pages = record(api, token, cases.values())
        _, bare_url = start_bare(pages, args.ceiling_workers or args.workers, tmp)
        base = api.compute_url.rsplit('/v2.1', 1)[0]
        targets = {'ceiling': (bare_url, token, cases, None),
                   'ours': (base, token, cases, api.process.pid)}
        others = []
        if args.compare_workers:
            others.append(('ours-1w', 1, args.database_one or args.database))
        if args.compare_database:
            others.append(('ours-db', args.workers, args.compare_database))
        for name, workers, database in others:
            other, other_token, other_cases = deployment(tmp, name, workers, database, args.servers)
            procs.append(other)
            targets[name] = (other.compute_url.rsplit('/v2.1', 1)[0], other_token, other_cases,
                             other.process.pid)
        for case in cases:
            for conns in args.connections:
                for target in targets.values():
                    wrk(target[0] + target[2][case], target[1], conns, 1)  # warm-up
        samples = {}
        for rnd in range(args.rounds):
            for case in cases:
                for conns in args.connections:
                    for name, target in targets.items():
                        result = measure(target, case, conns, args.duration)
                        samples.setdefault((case, conns, name), []).append(result)
                        print('round %d %-6s c%-3d %-8s %8.1f req/s p50 %7.1f ms p99 %7.1f ms '
                              'errors %d non2xx %d load %.2f%s'
                              % (rnd + 1, case, conns, name, result['rps'], result['p50'] * 1e3,
                                 result['p99'] * 1e3, result['errors'], result['non2xx'],
                                 result['load'], result['shares']), flush=True)
        stop_bare()
        print()
        print('workers %d, database %s, %d servers, %d rounds of %d s, medians'
              % (args.workers, args.database or 'sqlite', args.servers, args.rounds, args.duration))
        print('| request | conns | ceiling req/s | ours req/s | ratio | ours p50 ms | ours p99 ms '
              '| p99/p50 | errors | load | CPU us/req ours + database |')
        print('|---|---|---|---|---|---|---|---|---|---|---|')
        for case in cases:
            for conns in args.connections:
                ceil = samples[(case, conns, 'ceiling')]
                ours = samples[(case, conns, 'ours')]
                rps_c, rps_o = median(ceil, 'rps'), median(ours, 'rps')
                p50, p99 = median(ours, 'p50'), median(ours, 'p99')
                errors = sum(s['errors'] + s['non2xx'] for s in ours)
                loads = [s['load'] for s in ceil + ours]
                print('| %s | %d | %.0f | %.0f | %.3f | %.1f | %.1f | %.1f | %d | %.1f–%.1f | %.0f + %.0f |'
                      % (case, conns, rps_c, rps_o, rps_o / rps_c, p50 * 1e3, p99 * 1e3, p99 / p50,
                         errors, min(loads), max(loads), median(ours, 'cpu_ours'),
                         median(ours, 'cpu_db')))
                for name, label, against in (('ours-1w', 'one worker', 'two/one %.2f'),
                                             ('ours-db', 'other database', 'other/ours %.2f')):
                    if name not in targets:
                        continue
                    other = samples[(case, conns, name)]
                    rps = median(other, 'rps')
                    ratio = rps_o / max(rps, 0.1) if name == 'ours-1w' else rps / rps_o
                    print('|  %s | %d | | %.0f | %s | %.1f | %.1f | | %d | | %.0f + %.0f |'
                          % (label, conns, rps, against % ratio, median(other, 'p50') * 1e3,
                             median(other, 'p99') * 1e3,
                             sum(s['errors'] + s['non2xx'] for s in other),
                             median(other, 'cpu_ours'), median(other, 'cpu_db')))
        if args.compare_database:
            print('other database: %s' % args.compare_database)
    finally:
        stop_bare()
        for proc in procs:
            proc.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def storm_mode(args):
    tmp = tempfile.mkdtemp(prefix='bench-storm-')
    api = start_api(os.path.join(tmp, 'storm'), args.workers, args.database, hosts=args.hosts,
                    build_time=args.build_time)
    try:
        sess, compute = admin(api)
        unlimited_quota(sess, compute)
        image = image_id(api, sess)
        network = storm_network(api, sess, args.boots)
        token = sess.get_token()
        url = compute.rstrip('/') + '/servers'
        latencies, failures, lock = [], [], threading.Lock()
        counter = iter(range(args.boots))
        body_of = lambda i: {'server': {'name': 'storm-%04d' % i, 'flavorRef': '1',  # noqa: E731
                                        'imageRef': image, 'networks': [{'uuid': network}]}}

        def client():
            http = requests.Session()
            headers = {'X-Auth-Token': token, 'OpenStack-API-Version': 'compute %s' % MICROVERSION}
            while True:
                with lock:
                    index = next(counter, None)
                if index is None:
                    return
                start = time.perf_counter()
                resp = http.post(url, json=body_of(index), headers=headers, timeout=60)
                elapsed = time.perf_counter() - start
                with lock:
                    (latencies if resp.status_code == 202 else failures).append(
                        elapsed if resp.status_code == 202 else resp.text[:200])

        load = loadavg()
        start = time.monotonic()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        last_accept = time.monotonic()
        accepted = len(latencies)
        done = wait_active(sess, compute, accepted)
        latencies.sort()
        detail = []
        for _ in range(3):
            t0 = time.perf_counter()
            resp = sess.get(compute + '/servers/detail', params={'limit': 1000})
            detail.append(time.perf_counter() - t0)
            assert len(resp.json()['servers']) == min(accepted, 1000)
        errors = sess.get(compute + '/servers', params={'status': 'ERROR', 'limit': 1000}).json()
        print('storm: %d boots, %d clients, %d workers, hosts %s, build_time %s, database %s, load %.2f'
              % (args.boots, args.clients, args.workers, args.hosts, args.build_time,
                 args.database or 'sqlite', load))
        print('accepted %d (%d refused) in %.1f s: %.1f boots/s; POST p50 %.3f s p99 %.3f s'
              % (accepted, len(failures), last_accept - start, accepted / (last_accept - start),
                 latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.99) - 1]))
        # The first read finds nothing kept by the workers (the storm's writes moved the
        # generations); later ones may find the views the first one read.
        print('all %d ACTIVE %.1f s after the last accept (%d in ERROR); detail?limit=1000 first '
              '%.3f s, median %.3f s; load now %.2f' % (accepted, done - last_accept,
                                                       len(errors['servers']), detail[0],
                                                       statistics.median(detail), loadavg()))
        if failures:
            print('first refusal:', failures[0])
    finally:
        api.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--workers', type=int, default=2)
    parser.add_argument('--ceiling-workers', type=int, default=None,
                        help='worker processes of the bare app (default: --workers)')
    parser.add_argument('--database', default=None, help='SQLAlchemy URL (default: SQLite)')
    parser.add_argument('--database-one', default=None,
                        help='a second database for the one-worker deployment of --compare-workers')
    parser.add_argument('--connections', default='16,64')
    parser.add_argument('--duration', type=int, default=5)
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--servers', type=int, default=10)
    parser.add_argument('--compare-workers', action='store_true')
    parser.add_argument('--compare-database', default=None,
                        help='also run a deployment on this SQLAlchemy URL in the same rounds '
                             '(its req/s against the first deployment\'s)')
    parser.add_argument('--storm', action='store_true')
    parser.add_argument('--boots', type=int, default=1000)
    parser.add_argument('--clients', type=int, default=20)
    parser.add_argument('--hosts', default='8')
    parser.add_argument('--build-time', type=float, default=1.0)
    args = parser.parse_args(argv)
    args.connections = [int(c) for c in args.connections.split(',')]
    if shutil.which('wrk') is None and not args.storm:
        raise SystemExit('wrk is missing: apt-get install -y wrk')
    if args.storm:
        storm_mode(args)
    else:
        request_mode(args)


if __name__ == '__main__':
    main()
