"""Start the real ``nova-api`` on free loopback ports with a temporary data directory."""

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time

import requests

READY = re.compile(r'^nova-api ready: (.*)$')


def free_ports(count):
    """Ports the kernel hands out now; held open together so they are distinct."""
    socks = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(('127.0.0.1', 0))
            socks.append(sock)
        return [s.getsockname()[1] for s in socks]
    finally:
        for sock in socks:
            sock.close()


def nova_api_command():
    """The installed console script, next to this interpreter."""
    candidate = os.path.join(os.path.dirname(sys.executable), 'nova-api')
    return [candidate] if os.path.exists(candidate) else [sys.executable, '-m', 'novaapi.cmd.api']


def read_openrc(path):
    env = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('export '):
                key, _, value = line[len('export '):].strip().partition('=')
                env[key] = shlex.split(value)[0] if value else ''
    return env


class ApiServer:
    """A running ``nova-api``; a context manager that stops it on exit."""

    def __init__(self, data_dir, config_text=None, workers=1, database=None, extra_args=(),
                 **options):
        self.data_dir = str(data_dir)
        os.makedirs(self.data_dir, exist_ok=True)
        ports = free_ports(5)
        self.ports = dict(zip(('identity', 'compute', 'image', 'network', 'volume'), ports))
        args = nova_api_command() + [
            '--data-dir', self.data_dir, '--host', '127.0.0.1', '--workers', str(workers),
            '--identity-port', str(ports[0]), '--compute-port', str(ports[1]),
            '--image-port', str(ports[2]), '--network-port', str(ports[3]),
            '--volume-port', str(ports[4])]
        if database:
            args += ['--database', database]
        self.config_path = os.path.join(self.data_dir, 'novaapi.conf')
        text = config_text or ''
        if '[identity]' not in text:
            # Cheap password hashing keeps tests fast; production uses the default.
            text += '\n[identity]\npassword_hash_rounds = 16\n'
        with open(self.config_path, 'w', encoding='utf-8') as f:
            f.write(text)
        args += ['--config-file', self.config_path]
        for key, value in options.items():
            args += ['--' + key.replace('_', '-'), str(value)]
        args += list(extra_args)
        self.log_path = os.path.join(self.data_dir, 'nova-api.log')
        self._log = open(self.log_path, 'w', encoding='utf-8')
        # A session of its own: a stop that has to kill takes the workers with the supervisor.
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self._log, text=True,
                                        env=dict(os.environ, PYTHONUNBUFFERED='1'),
                                        start_new_session=True)
        self.ready_line = self._wait_ready()
        self.identity_url = 'http://127.0.0.1:%d/v3' % ports[0]
        self.compute_url = 'http://127.0.0.1:%d/v2.1' % ports[1]
        self.image_url = 'http://127.0.0.1:%d' % ports[2]
        self.network_url = 'http://127.0.0.1:%d' % ports[3]
        self.volume_url = 'http://127.0.0.1:%d' % ports[4]
        self.admin_openrc_path = os.path.join(self.data_dir, 'admin-openrc')
        self.demo_openrc_path = os.path.join(self.data_dir, 'demo-openrc')
        self.admin_openrc = read_openrc(self.admin_openrc_path)
        self.demo_openrc = read_openrc(self.demo_openrc_path)

    def _wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            match = READY.match(line.strip())
            if match:
                return match.group(1)
        self.stop()
        raise RuntimeError('nova-api did not start:\n' + self.log())

    def log(self):
        if not self._log.closed:
            self._log.flush()
        with open(self.log_path, encoding='utf-8') as f:
            return f.read()

    def session(self, openrc=None):
        """A keystoneauth1 session authenticated with an openrc's credentials."""
        from keystoneauth1.identity import v3
        from keystoneauth1 import session
        env = openrc or self.admin_openrc
        auth = v3.Password(auth_url=env['OS_AUTH_URL'], username=env['OS_USERNAME'],
                           password=env['OS_PASSWORD'], project_name=env['OS_PROJECT_NAME'],
                           user_domain_name=env['OS_USER_DOMAIN_NAME'],
                           project_domain_name=env['OS_PROJECT_DOMAIN_NAME'])
        return session.Session(auth=auth)

    def token(self, openrc=None):
        return self.session(openrc).get_token()

    def compute(self, method, path, token=None, version=None, **kwargs):
        """Plain HTTP against the compute endpoint."""
        headers = kwargs.pop('headers', {})
        if token:
            headers['X-Auth-Token'] = token
        if version:
            headers['OpenStack-API-Version'] = 'compute %s' % version
        return requests.request(method, self.compute_url + path, headers=headers, timeout=30, **kwargs)

    def env(self, openrc=None):
        """Process environment for running a CLI with an openrc sourced."""
        env = {k: v for k, v in os.environ.items() if not k.startswith('OS_')}
        env.update(openrc or self.admin_openrc)
        return env

    def stop(self, timeout=30):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()
        self._log.close()
        return self.process.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def start_api(tmp_path, config_text=None, **options):
    return ApiServer(tmp_path, config_text=config_text, **options)
