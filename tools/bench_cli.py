#!/usr/bin/env python3
"""Time our ``nova`` against python-novaclient 18.x on the same nova-api.

    /tmp/venv/bin/python tools/bench_cli.py [--runs 15] [--ours PATH/TO/nova]

Builds (or reuses) a python-novaclient venv with tools/real-venv.sh, starts
nova-api on free loopback ports, boots 10 servers, then runs ``nova
--version``, ``nova help`` and ``nova list`` with each client in turn,
alternating ours/theirs, N times each (after two warm-ups), together with the
floor: a bare ``python -c "import keystoneauth1.session,
keystoneauth1.identity.v3, prettytable"`` run by our client's interpreter.
Also runs ``nova --os-cache list`` (token, catalog and version range from
the token cache: one HTTP request) with each client; python-novaclient's
``--os-cache`` does nothing, so its row is its uncached run under the same
flag. Prints wall-clock medians, our/their ratios and PASS/FAIL per target;
exits 0 whatever the figures (it is a measurement).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.functional import server as server_mod  # noqa: E402

FLOOR_IMPORTS = 'import keystoneauth1.session, keystoneauth1.identity.v3, prettytable'
COMMANDS = (('--version',), ('help',), ('list',), ('--os-cache', 'list'))
# (command, limit on ours/theirs, limit on ours/floor or None)
TARGETS = ((('--version',), 0.15, None), (('help',), 0.15, None), (('list',), 0.5, 1.3))


def real_novaclient():
    out = subprocess.run([os.path.join(ROOT, 'tools', 'real-venv.sh'), 'novaclient'], check=True,
                         capture_output=True, text=True).stdout
    return os.path.join(out.strip().splitlines()[-1], 'bin', 'nova')


def boot_servers(api, count):
    sess = api.session()
    compute = sess.get_endpoint(service_type='compute', interface='public')
    image = sess.get(api.image_url + '/v2/images', params={'name': 'cirros'}).json()['images'][0]['id']
    for index in range(count):
        body = {'server': {'name': 'bench-%02d' % index, 'flavorRef': '1', 'imageRef': image,
                           'networks': 'auto'}}
        resp = sess.post(compute + '/servers', json=body,
                         headers={'OpenStack-API-Version': 'compute 2.37'})
        assert resp.status_code == 202, resp.text
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        servers = sess.get(compute + '/servers/detail').json()['servers']
        if len(servers) == count and all(s['status'] == 'ACTIVE' for s in servers):
            return
        time.sleep(0.2)
    raise SystemExit('servers did not become ACTIVE')


def timed(argv, env):
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit('%s failed (%d): %s' % (' '.join(argv), proc.returncode, proc.stderr[-500:]))
    return elapsed


def measure(ours, theirs, env, runs, warmups=2):
    """{label: [seconds]} over ``runs`` rounds; within a round the programs alternate."""
    python = os.path.join(os.path.dirname(ours), 'python')
    jobs = [('floor', [python, '-c', FLOOR_IMPORTS])]
    for command in COMMANDS:
        jobs.append((('ours',) + command, [ours] + list(command)))
        jobs.append((('theirs',) + command, [theirs] + list(command)))
    samples = {label: [] for label, _argv in jobs}
    for index in range(warmups + runs):
        for label, argv in jobs:
            elapsed = timed(argv, env)
            if index >= warmups:
                samples[label].append(elapsed)
    return samples


def report(samples, runs, ours, theirs):
    median = {label: statistics.median(values) for label, values in samples.items()}
    floor = median['floor']
    print('ours:   %s' % ours)
    print('theirs: %s' % theirs)
    print('%d runs each (medians of wall-clock seconds, whole process)\n' % runs)
    print('%-20s %9s %9s %12s %12s' % ('command', 'ours', 'theirs', 'ours/theirs', 'ours/floor'))
    for command in COMMANDS:
        mine, real = median[('ours',) + command], median[('theirs',) + command]
        print('%-20s %9.3f %9.3f %12.2f %12.2f' % (
            'nova ' + ' '.join(command), mine, real, mine / real, mine / floor))
    print('%-20s %9.3f' % ('floor', floor))
    cached = median[('ours', '--os-cache', 'list')]
    print('start-up ratio to python-novaclient, nova list: uncached %.2f, cached %.2f'
          % (median[('ours', 'list')] / median[('theirs', 'list')],
             cached / median[('theirs', 'list')]))
    print('  (floor: python -c "%s")\n' % FLOOR_IMPORTS)
    for command, vs_theirs, vs_floor in TARGETS:
        mine, real = median[('ours',) + command], median[('theirs',) + command]
        name = 'nova ' + ' '.join(command)
        ok = mine / real <= vs_theirs
        print('%s  %-14s ours/theirs %.2f <= %.2f' % ('PASS' if ok else 'FAIL', name, mine / real,
                                                      vs_theirs))
        if vs_floor is not None:
            ok = mine / floor <= vs_floor
            print('%s  %-14s ours/floor  %.2f <= %.2f' % ('PASS' if ok else 'FAIL', name,
                                                          mine / floor, vs_floor))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--runs', type=int, default=15, help='timed runs per command (default 15)')
    parser.add_argument('--ours', default=os.path.join(os.path.dirname(sys.executable), 'nova'),
                        help='our nova console script (default: next to this interpreter)')
    parser.add_argument('--servers', type=int, default=10, help='servers to boot (default 10)')
    args = parser.parse_args(argv)
    theirs = real_novaclient()
    with tempfile.TemporaryDirectory() as tmp:
        with server_mod.start_api(tmp, config_text='[compute]\nbuild_time = 0.1\n') as api:
            boot_servers(api, args.servers)
            env = dict(api.env(), COLUMNS='80', XDG_CACHE_HOME=os.path.join(tmp, 'cache'))
            # As in a user's shell: Python may cache bytecode (the warm-up runs
            # write any stale .pyc), so no run pays for compiling sources.
            env.pop('PYTHONDONTWRITEBYTECODE', None)
            samples = measure(args.ours, theirs, env, args.runs)
    report(samples, args.runs, args.ours, theirs)
    return 0


if __name__ == '__main__':
    sys.exit(main())
