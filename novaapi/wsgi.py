"""WSGI entry points, so gunicorn or uwsgi can host the same apps as ``nova-api``.

The configuration file comes from ``NOVAAPI_CONFIG`` (optional); the data
directory and database are prepared on import, as ``nova-api`` does::

    gunicorn 'novaapi.wsgi:application' --bind 127.0.0.1:8774           # compute
    gunicorn 'novaapi.wsgi:identity_application' --bind 127.0.0.1:5000
"""

import os

from paste import deploy

from novaapi import conf
from novaapi import service


def _init():
    conf.CONF.reset()
    path = os.environ.get('NOVAAPI_CONFIG')
    if path:
        conf.read_file(conf.CONF, path)
    service.setup_logging()
    service.prepare()


def _load(name):
    app = deploy.loadapp('config:' + conf.CONF.paste_config, name=name)

    def serve(environ, start_response):
        # Each worker the host forks runs the state machine and heartbeats (claims keep steps once).
        service.start_background_once()
        return app(environ, start_response)

    return serve


_init()
application = _load('osapi_compute')
identity_application = _load('identity')
image_application = _load('image')
network_application = _load('network')
volume_application = _load('volume')
service.freeze_loaded()  # before a host forks its workers (gunicorn --preload), or per worker
