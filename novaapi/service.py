"""First-run preparation shared by ``nova-api``, ``nova-manage`` and the WSGI entry point:
the data directory, kept secrets, migrations, seed data and the openrc files."""

import gc
import json
import logging
import os
import secrets
import sys
import threading

from novaapi.compute import engine as state_engine
from novaapi.compute import flavors
from novaapi.compute import hosts
from novaapi.compute import services as compute_services
from novaapi import conf
from novaapi.db import engine
from novaapi.db import migration
from novaapi.identity import bootstrap
from novaapi.image import api as image_api
from novaapi import models  # noqa: F401 - every table, so the schema is whole before migrating
from novaapi.network import api as network_api
from novaapi.volume import api as volume_api

LOG = logging.getLogger(__name__)

SERVICES = ('identity', 'compute', 'image', 'network', 'volume')


def _write_private(path, text):
    """Write ``text`` to ``path`` readable by the owner only (0600 from creation on)."""
    fd = os.open(path + '.tmp', os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'w', encoding='utf-8') as f:
        f.write(text)
    os.chmod(path + '.tmp', 0o600)
    os.replace(path + '.tmp', path)


def ensure_data_dir():
    path = conf.CONF.data_path
    os.makedirs(path, mode=0o700, exist_ok=True)
    return path


def passwords():
    """The admin and demo passwords: from the configuration, else generated once and kept."""
    path = os.path.join(ensure_data_dir(), 'secrets.json')
    kept = {}
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            kept = json.load(f)
    result = {}
    for user in ('admin', 'demo'):
        result[user] = (conf.CONF.get('DEFAULT', user + '_password') or kept.get(user)
                        or secrets.token_urlsafe(18))
    if result != kept:
        _write_private(path, json.dumps(result))
    return result


def openrc_text(user, project, password):
    lines = ['# Source this file to use the %s account: . %s-openrc' % (user, user),
             'export OS_AUTH_URL=%s' % conf.CONF.endpoint_url('identity'),
             'export OS_IDENTITY_API_VERSION=3',
             'export OS_USERNAME=%s' % user,
             'export OS_PASSWORD=%s' % password,
             'export OS_PROJECT_NAME=%s' % project,
             'export OS_USER_DOMAIN_NAME=Default',
             'export OS_PROJECT_DOMAIN_NAME=Default',
             'export OS_REGION_NAME=%s' % conf.CONF.identity.region,
             'export OS_INTERFACE=public', '']
    return '\n'.join(lines)


def write_openrc(pw):
    paths = {}
    for user in ('admin', 'demo'):
        path = os.path.join(conf.CONF.data_path, '%s-openrc' % user)
        _write_private(path, openrc_text(user, user, pw[user]))
        paths[user] = path
    return paths


SEEDERS = (
    flavors.seed_defaults,
    image_api.seed,
    network_api.seed,
    volume_api.seed,
    hosts.seed,
    compute_services.seed,
)
"""``function(session)`` of every feature that seeds data on a fresh deployment, in order."""


BACKGROUND = (
    state_engine.run,
    compute_services.heartbeat,
)
"""``function()`` loops run in green threads: by ``nova-api``'s background worker, or by every
worker of another WSGI host (:func:`start_background_once`)."""


def background_tasks():
    return list(BACKGROUND)


_background_pid = []


def start_background_once(start=None):
    """Start the :data:`BACKGROUND` loops once in this process; True when it started them now.

    For hosts that fork workers of their own (gunicorn, uwsgi): the WSGI entry point calls
    this on each request, so every worker process runs the loops (``nova-api`` runs them in one
    background worker; steps are claimed exactly once either way).  A
    process forked after the engine was made (``--preload``) first drops the inherited pool.
    Under eventlet's monkey patching the threads are green threads.
    """
    pid = os.getpid()
    if _background_pid and _background_pid[0] == pid:
        return False
    if _background_pid:
        engine.reset()
    _background_pid[:] = [pid]
    start = start or (lambda task: threading.Thread(target=task, daemon=True).start())
    for task in background_tasks():
        start(task)
    return True


def catalog_endpoints():
    """``{service type: URL}`` of the catalog: block storage as ``block-storage`` and its
    ``volumev3`` alias (Nova's ``[cinder] catalog_info``), with the project in the path."""
    endpoints = {name: conf.CONF.endpoint_url(name) for name in SERVICES if name != 'volume'}
    volume = conf.CONF.endpoint_url('volume') + '/v3/$(project_id)s'
    endpoints.update({'block-storage': volume, 'volumev3': volume})
    return endpoints


def seed():
    """Create what a fresh deployment needs; safe to run on every start."""
    pw = passwords()
    endpoints = catalog_endpoints()
    with engine.transaction() as sess:
        bootstrap.bootstrap(sess, pw['admin'], pw['demo'], endpoints, region=conf.CONF.identity.region)
        for seed_data in SEEDERS:
            seed_data(sess)
    return pw


def prepare():
    """Everything before serving: directory, schema, seed data, openrc files."""
    ensure_data_dir()
    migration.upgrade()
    pw = seed()
    return write_openrc(pw)


def freeze_loaded():
    """Leave what start-up built (modules, apps, routes, schemas) out of every later garbage
    collection: call it once everything is loaded, before workers fork.

    A full collection otherwise walked those ~180,000 objects every time: a worker stopped
    for 90-100 ms each time, the slowest one request in a hundred (7-9 ms now). Workers
    forked after it also share those objects' pages with the parent for longer, as no
    collection writes to them.
    """
    gc.collect()
    gc.freeze()


def setup_logging():
    level = logging.DEBUG if conf.CONF.debug else logging.INFO
    handler = (logging.FileHandler(conf.CONF.log_file) if conf.CONF.log_file
               else logging.StreamHandler(sys.stderr))
    handler.setFormatter(logging.Formatter(
        '%(asctime)s %(process)d %(levelname)s %(name)s %(message)s'))
    # The format uses none of a record's thread, multiprocessing name or source line: not
    # looking them up makes the line each request logs cost 6 us instead of 11 (the logging
    # HOWTO's "Optimization" settings).
    logging.logThreads = False
    logging.logMultiprocessing = False
    logging._srcfile = None
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ('sqlalchemy', 'alembic', 'routes', 'eventlet'):
        logging.getLogger(noisy).setLevel(logging.WARNING)
