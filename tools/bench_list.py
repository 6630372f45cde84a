"""Does a page of ``GET /servers/detail`` cost the same at 100 servers as at 100 000?

Builds two throwaway SQLite deployments (``--small`` and ``--large`` servers in
the demo project, rows written straight into the database), then times the
same requests against both through the real compute pipeline, in process:
first page, a page deep behind a marker, a status filter and a name sort.
Prints the medians and the large/small ratio of each; the reference is the
same request on the small deployment, measured in the same run.

    python tools/bench_list.py [--small 100] [--large 100000] [--runs 15] [--limit 50]
"""

import argparse
import datetime
import statistics
import sys
import tempfile
import time
import uuid

import sqlalchemy as sa
import webob


def build(count, data_dir):
    from novaapi import conf
    from novaapi import service
    from novaapi.compute import models
    from novaapi.db import engine
    from novaapi.identity import models as identity
    from paste import deploy

    conf.CONF.reset()
    conf.CONF.set('DEFAULT', 'data_dir', data_dir)
    conf.CONF.set('identity', 'password_hash_rounds', 16)
    engine.reset()
    service.prepare()
    with engine.transaction() as sess:
        user = sess.scalars(sa.select(identity.User).where(identity.User.name == 'demo')).one()
        project = sess.scalars(sa.select(identity.Project).where(identity.Project.name == 'demo')).one()
        from novaapi.identity import tokens
        token, _info = tokens.issue(sess, user.id, project.id, ['password'])
    start = datetime.datetime(2026, 1, 1)
    rows = []
    for i in range(count):
        rows.append({'uuid': str(uuid.uuid4()), 'display_name': 'srv-%06d' % i, 'hostname': 'srv-%06d' % i,
                     'project_id': project.id, 'user_id': user.id, 'flavorid': '1', 'flavor_name': 'm1.tiny',
                     'vcpus': 1, 'memory_mb': 512, 'root_gb': 1, 'vm_state': ('active', 'stopped')[i % 2],
                     'power_state': (1, 4)[i % 2], 'host': 'compute%d' % (1 + i % 2),
                     'node': 'compute%d' % (1 + i % 2), 'availability_zone': 'nova',
                     'created_at': start + datetime.timedelta(seconds=i), 'launched_at': start,
                     'deleted': 0, 'security_groups': ['default'], 'launch_index': 0})
        if len(rows) == 5000:
            _insert(engine, models.Instance, rows)
            rows = []
    if rows:
        _insert(engine, models.Instance, rows)
    app = deploy.loadapp('config:' + conf.CONF.paste_config, name='osapi_compute')
    with engine.transaction() as sess:
        middle = sess.scalars(sa.select(models.Instance.uuid).order_by(models.Instance.created_at.desc())
                              .offset(count // 2).limit(1)).one()
    return app, token, middle


def _insert(engine, model, rows):
    with engine.transaction() as sess:
        sess.execute(sa.insert(model), rows)


def timed(app, token, path, runs):
    samples = []
    for _ in range(runs):
        req = webob.Request.blank(path, headers={'X-Auth-Token': token})
        req.host = '127.0.0.1:8774'
        started = time.perf_counter()
        resp = req.get_response(app)
        samples.append(time.perf_counter() - started)
        assert resp.status_int == 200, resp.text
    return statistics.median(samples)


def measure(count, runs, limit):
    with tempfile.TemporaryDirectory() as data_dir:
        built = time.perf_counter()
        app, token, middle = build(count, data_dir)
        print('built %d servers in %.1f s' % (count, time.perf_counter() - built), file=sys.stderr)
        cases = {
            'first page': '/v2.1/servers/detail?limit=%d' % limit,
            'deep page (marker)': '/v2.1/servers/detail?limit=%d&marker=%s' % (limit, middle),
            'status filter': '/v2.1/servers/detail?limit=%d&status=SHUTOFF' % limit,
            'sort by name': '/v2.1/servers/detail?limit=%d&sort_key=display_name&sort_dir=asc' % limit,
            'list (names)': '/v2.1/servers?limit=%d' % limit,
        }
        return {name: timed(app, token, path, runs) for name, path in cases.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--small', type=int, default=100, help='servers in the reference deployment')
    parser.add_argument('--large', type=int, default=100000, help='servers in the large deployment')
    parser.add_argument('--runs', type=int, default=15, help='timed requests per case')
    parser.add_argument('--limit', type=int, default=50, help='page size')
    args = parser.parse_args(argv)
    small = measure(args.small, args.runs, args.limit)
    large = measure(args.large, args.runs, args.limit)
    print('%-20s %12s %12s %8s' % ('case', '%d (ms)' % args.small, '%d (ms)' % args.large, 'ratio'))
    for name in small:
        print('%-20s %12.1f %12.1f %8.2f' % (name, small[name] * 1000, large[name] * 1000,
                                              large[name] / small[name]))


if __name__ == '__main__':
    main()
