"""Configuration: one registry of options, read from an INI file and the command line.

Every option lives in ``OPTIONS`` with its section, type, default and help, so
the sample file ``etc/novaapi.conf`` and the ``nova-api`` flags are derived
from one table.  ``CONF`` is the process-wide view; ``load()`` fills it.
"""

import configparser
import dataclasses
import os


@dataclasses.dataclass(frozen=True)
class Opt:
    section: str
    name: str
    type: type
    default: object
    help: str
    cli: bool = False
    secret: bool = False


def _cpu_count():
    return os.cpu_count() or 1


OPTIONS = (
    Opt('DEFAULT', 'data_dir', str, '~/.local/share/novaapi',
        'Directory for the SQLite database, generated secrets and the openrc files.', cli=True),
    Opt('DEFAULT', 'host', str, '127.0.0.1', 'Address every endpoint listens on.', cli=True),
    Opt('DEFAULT', 'identity_port', int, 5000, 'Port of the identity (Keystone v3) endpoint.', cli=True),
    Opt('DEFAULT', 'compute_port', int, 8774, 'Port of the compute (Nova v2.1) endpoint.', cli=True),
    Opt('DEFAULT', 'image_port', int, 9292, 'Port of the image (Glance v2) endpoint.', cli=True),
    Opt('DEFAULT', 'network_port', int, 9696, 'Port of the network (Neutron v2.0) endpoint.', cli=True),
    Opt('DEFAULT', 'volume_port', int, 8776, 'Port of the block-storage (Cinder v3) endpoint.', cli=True),
    Opt('DEFAULT', 'workers', int, None,
        'Worker processes sharing the listening sockets (default: the CPU count).', cli=True),
    Opt('DEFAULT', 'admin_password', str, None,
        'Password of the admin user; generated once and kept in the data directory when unset.',
        cli=True, secret=True),
    Opt('DEFAULT', 'demo_password', str, None,
        'Password of the demo user; generated once and kept in the data directory when unset.',
        secret=True),
    Opt('DEFAULT', 'public_host', str, None,
        'Host name written into catalog URLs and links (default: the listen address).'),
    Opt('DEFAULT', 'debug', bool, False, 'Log at DEBUG level.'),
    Opt('DEFAULT', 'api_paste_config', str, None,
        'PasteDeploy file with the pipelines (default: the api-paste.ini shipped with novaapi).'),
    Opt('DEFAULT', 'log_file', str, None, 'Write the log here instead of standard error.'),
    Opt('database', 'connection', str, None,
        'SQLAlchemy URL (default: SQLite in the data directory). '
        'Examples: postgresql+psycopg2://user@127.0.0.1/nova (or postgresql+pg8000://...), mysql+pymysql://root@127.0.0.1/nova.',
        cli=True),
    Opt('api', 'auth_strategy', str, 'embedded',
        'How compute requests are authenticated: "embedded" (this service\'s identity) '
        'or "keystone" (keystonemiddleware auth_token against [keystone_authtoken]).'),
    Opt('api', 'max_limit', int, 1000, 'Largest page a collection returns.'),
    Opt('api', 'max_request_body_size', int, 114688, 'Largest request body accepted, in bytes (413 above).'),
    Opt('identity', 'token_expiration', int, 3600, 'Lifetime of an issued token, in seconds.'),
    Opt('identity', 'password_hash_rounds', int, 16384,
        'scrypt work factor N for stored password hashes (a power of two).'),
    Opt('identity', 'region', str, 'RegionOne', 'Region of every catalog endpoint.'),
    Opt('identity', 'list_limit', int, None,
        'Default page size of the identity lists (Keystone\'s list_limit): a cut list says '
        '"truncated" and links the next page; unset lists up to max_db_limit.'),
    Opt('identity', 'max_db_limit', int, 1000,
        'Largest page of users or projects, whatever limit a request asks for.'),
    Opt('image', 'image_size_cap', int, 1099511627776,
        'Largest image upload accepted, in bytes (413 above).'),
    Opt('image', 'user_storage_quota', int, 0,
        'Bytes of image data each project may store; 0 means unlimited (413 above).'),
    Opt('image', 'image_member_quota', int, 128,
        'Members an image may have; negative means unlimited (413 above).'),
    Opt('image', 'use_keystone_limits', bool, False,
        "Enforce Glance's unified-limit quotas (the four image_*_total/uploading limits "
        'below, standing in for Keystone registered limits) and report them in /v2/info/usage.'),
    Opt('image', 'image_count_total', int, -1, 'Images per project (-1: unlimited).'),
    Opt('image', 'image_count_uploading', int, -1,
        'Images a project may upload, stage or import at once (-1: unlimited).'),
    Opt('image', 'image_size_total', int, -1, 'MiB of image data per project (-1: unlimited).'),
    Opt('image', 'image_stage_total', int, -1, 'MiB of staged data per project (-1: unlimited).'),
    Opt('volume', 'status_delay', float, 0.5,
        'Seconds a volume or snapshot spends creating, extending or deleting (0 allowed).'),
    Opt('quota', 'instances', int, 10, 'Default servers per project.'),
    Opt('quota', 'cores', int, 20, 'Default vCPUs per project.'),
    Opt('quota', 'ram', int, 51200, 'Default RAM (MiB) per project.'),
    Opt('quota', 'metadata_items', int, 128, 'Default metadata items per server.'),
    Opt('quota', 'key_pairs', int, 100, 'Default key pairs per user.'),
    Opt('quota', 'server_groups', int, 10, 'Default server groups per project.'),
    Opt('quota', 'server_group_members', int, 10, 'Default servers per server group.'),
    Opt('quota', 'injected_files', int, 5, 'Default injected files per server (shown before 2.57).'),
    Opt('quota', 'injected_file_content_bytes', int, 10240, 'Default bytes per injected file (shown before 2.57).'),
    Opt('quota', 'injected_file_path_length', int, 255, 'Default injected file path length (shown before 2.57).'),
    Opt('compute', 'driver', str, 'fake',
        'Hypervisor driver: a name in the novaapi.compute.drivers entry point group.'),
    Opt('compute', 'hosts', str, 'compute1,compute2',
        'Simulated compute hosts, comma-separated: names, a count ("1000": compute1 to compute1000) '
        'or numbered ranges ("rack[01-40]").'),
    Opt('compute', 'default_availability_zone', str, 'nova', 'Availability zone of the compute hosts.'),
    Opt('compute', 'host_vcpus', int, 16, 'vCPUs of each simulated compute host.'),
    Opt('compute', 'host_memory_mb', int, 65536, 'RAM (MiB) of each simulated compute host.'),
    Opt('compute', 'host_local_gb', int, 1000, 'Local disk (GiB) of each simulated compute host.'),
    Opt('compute', 'build_time', float, 1.0, 'Seconds a server spends in BUILD (0 allowed).'),
    Opt('compute', 'action_time', float, 0.5,
        'Seconds each transient task state of a server action lasts (0 allowed).'),
    Opt('compute', 'reclaim_instance_interval', int, 0,
        'Seconds a deleted server stays SOFT_DELETED (restorable) before it is reclaimed; 0 deletes at once.'),
    Opt('compute', 'shelved_offload_time', int, 0,
        'Seconds a shelved server keeps its host before it is offloaded; -1 never, 0 at once.'),
    Opt('compute', 'poll_interval', float, 0.1, 'Seconds between two scans for due state transitions.'),
    Opt('compute', 'allow_resize_to_same_host', bool, False,
        'Let a resize or cold migration pick the server\'s current host.'),
    Opt('compute', 'report_interval', float, 10.0, 'Seconds between two heartbeats of the simulated services.'),
    Opt('compute', 'service_down_time', int, 60, 'Seconds without a heartbeat after which a service is down.'),
    Opt('compute', 'reserved_host_memory_mb', int, 512, 'RAM (MiB) each hypervisor reports as used by the host.'),
)

# Options kept as plain sections and handed to other libraries untouched.
PASSTHROUGH_SECTIONS = ('keystone_authtoken',)
SECTIONS = frozenset(o.section for o in OPTIONS)


class Config:
    """Resolved option values, looked up as ``CONF.section.name`` or ``CONF.name``."""

    def __init__(self):
        self._values = {}
        self.passthrough = {}
        self.config_file = None
        self.reset()

    def reset(self):
        self._values = {(o.section, o.name): o.default for o in OPTIONS}
        self.passthrough = {s: {} for s in PASSTHROUGH_SECTIONS}
        self.config_file = None

    def get(self, section, name):
        return self._values[(section, name)]

    def set(self, section, name, value):
        opt = _find(section, name)
        self._values[(section, name)] = _coerce(opt, value)

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        if ('DEFAULT', name) in self._values:
            return self._values[('DEFAULT', name)]
        if name in SECTIONS:
            return _Section(self, name)
        raise AttributeError(name)

    @property
    def data_path(self):
        return os.path.abspath(os.path.expanduser(self.data_dir))

    @property
    def worker_count(self):
        return self.workers if self.workers else _cpu_count()

    @property
    def database_url(self):
        url = self.get('database', 'connection')
        return url or 'sqlite:///' + os.path.join(self.data_path, 'nova.sqlite')

    @property
    def paste_config(self):
        if self.api_paste_config:
            return os.path.abspath(os.path.expanduser(self.api_paste_config))
        return os.path.join(os.path.dirname(os.path.abspath(__file__)), 'etc', 'api-paste.ini')

    @property
    def advertised_host(self):
        host = self.public_host or self.host
        if host in ('0.0.0.0', '::'):
            host = '127.0.0.1'
        return host

    def endpoint_url(self, service):
        """Public URL of one of the five services this process serves (block storage: its root)."""
        port = self.get('DEFAULT', service + '_port')
        host = self.advertised_host
        if ':' in host:
            host = '[%s]' % host
        suffix = {'identity': '/v3', 'compute': '/v2.1', 'image': '', 'network': '',
                  'volume': ''}[service]
        return 'http://%s:%s%s' % (host, port, suffix)


class _Section:
    def __init__(self, conf, section):
        self._conf = conf
        self._section = section

    def __getattr__(self, name):
        try:
            return self._conf.get(self._section, name)
        except KeyError:
            raise AttributeError(name) from None


def _find(section, name):
    for opt in OPTIONS:
        if opt.section == section and opt.name == name:
            return opt
    raise KeyError('%s.%s' % (section, name))


def _coerce(opt, value):
    if value is None or opt.type is str:
        return value
    if opt.type is bool:
        if isinstance(value, bool):
            return value
        lowered = str(value).strip().lower()
        if lowered in ('1', 'true', 'yes', 'on'):
            return True
        if lowered in ('0', 'false', 'no', 'off'):
            return False
        raise ValueError('[%s] %s: %r is not a boolean' % (opt.section, opt.name, value))
    try:
        return opt.type(value)
    except (TypeError, ValueError):
        raise ValueError('[%s] %s: %r is not a valid %s'
                         % (opt.section, opt.name, value, opt.type.__name__)) from None


def read_file(conf, path):
    """Apply the options of the INI file at ``path``; unknown keys are an error."""
    parser = configparser.ConfigParser(interpolation=None, default_section='__none__')
    with open(path, encoding='utf-8') as f:
        parser.read_file(f)
    for section in parser.sections():
        if section in PASSTHROUGH_SECTIONS:
            conf.passthrough[section].update(parser.items(section))
            continue
        for name, value in parser.items(section):
            try:
                opt = _find(section, name)
            except KeyError:
                raise ValueError('%s: unknown option [%s] %s' % (path, section, name)) from None
            conf._values[(section, name)] = _coerce(opt, value)
    conf.config_file = os.path.abspath(path)


def cli_options():
    return [o for o in OPTIONS if o.cli]


def sample():
    """Text of a commented sample configuration holding every option."""
    lines = ['# Sample configuration for nova-api. Every option is shown with its default.', '']
    section = None
    for opt in OPTIONS:
        if opt.section != section:
            if section is not None:
                lines.append('')
            lines.append('[%s]' % opt.section)
            section = opt.section
        lines.append('# %s (%s)' % (opt.help, opt.type.__name__))
        default = '' if opt.default is None else opt.default
        if isinstance(default, bool):
            default = str(default).lower()
        lines.append('#%s = %s' % (opt.name, default))
    lines += ['', '[keystone_authtoken]',
              '# Read only when [api] auth_strategy = keystone; every key is passed to',
              '# keystonemiddleware auth_token unchanged, for example:',
              '#www_authenticate_uri = http://127.0.0.1:5000/v3',
              '#auth_url = http://127.0.0.1:5000/v3',
              '#auth_type = password',
              '#username = nova',
              '#password = <secret>',
              '#project_name = service',
              '#user_domain_name = Default',
              '#project_domain_name = Default', '']
    return '\n'.join(lines)


CONF = Config()
