"""Command-line interface to the OpenStack Nova API (the ``nova`` program).

Start-up is kept cheap: ``--version`` and ``help`` import neither
keystoneauth1 nor requests. Global options mirror python-novaclient's,
including the keystoneauth session and auth-plugin options, which are
declared here statically instead of being loaded from keystoneauth.
"""

import argparse
import functools
import gc
import gettext
import os
import sys
import time

import novaclient
from novaclient import api_versions
from novaclient import exceptions
from novaclient import output
from novaclient import utils
from novaclient.v2 import shell as v2shell

DEFAULT_OS_COMPUTE_API_VERSION = '2.latest'
DEFAULT_NOVA_ENDPOINT_TYPE = 'publicURL'
DEFAULT_NOVA_SERVICE_TYPE = 'compute'
HINT_HELP_MSG = (" [hint: use '--os-compute-api-version' flag to show help "
                 "message for proper version]")
VERSIONS_MSG = " (Supported by API versions '%s' - '%s')"

# Commands that must see every other command registered.
_ALL_COMMAND_NEEDERS = ('help', 'bash-completion', 'bash_completion')


class ExitStatus:
    """Process exit statuses."""

    SUCCESS = 0
    ERROR = 1
    USAGE = 2
    CTRL_C = 130


# NOTE: argparse looks up a translation for every message it builds (over
# a hundred per help screen, each searching the locale directories).
# Memoising gettext keeps the translations and drops the repeated search.
argparse._ = functools.lru_cache(maxsize=None)(gettext.gettext)


@functools.lru_cache(maxsize=None)
def _terminal_width():
    # Same rule as shutil.get_terminal_size(), without importing shutil
    # (and, through it, the compression modules).
    try:
        columns = int(os.environ['COLUMNS'])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


# Auth plugin options: (flags, dest, env vars). NOTE: the password and
# token plugins of keystoneauth take these; we declare them here so that
# building the parser never imports keystoneauth.
_SCOPE_OPTS = (
    (('--os-auth-url',), 'auth_url', ('OS_AUTH_URL', 'NOVA_URL'),
     'URL of the identity service.'),
    (('--os-system-scope',), 'system_scope', ('OS_SYSTEM_SCOPE',),
     'Request a system-scoped token (e.g. "all").'),
    (('--os-domain-id',), 'domain_id', ('OS_DOMAIN_ID',),
     'Scope the token to this domain ID.'),
    (('--os-domain-name',), 'domain_name', ('OS_DOMAIN_NAME',),
     'Scope the token to this domain name.'),
    (('--os-project-id', '--os-tenant-id'), 'project_id',
     ('OS_PROJECT_ID', 'OS_TENANT_ID'), 'Scope the token to this project ID.'),
    (('--os-project-name', '--os-tenant-name'), 'project_name',
     ('OS_PROJECT_NAME', 'OS_TENANT_NAME', 'NOVA_PROJECT_ID'),
     'Scope the token to this project name.'),
    (('--os-project-domain-id',), 'project_domain_id',
     ('OS_PROJECT_DOMAIN_ID',), 'Domain ID of the project.'),
    (('--os-project-domain-name',), 'project_domain_name',
     ('OS_PROJECT_DOMAIN_NAME',), 'Domain name of the project.'),
    (('--os-trust-id',), 'trust_id', ('OS_TRUST_ID',),
     'Trust to act under, as the trustee.'),
    (('--os-default-domain-id',), 'default_domain_id',
     ('OS_DEFAULT_DOMAIN_ID',),
     'Domain ID used for both user and project when they give none.'),
    (('--os-default-domain-name',), 'default_domain_name',
     ('OS_DEFAULT_DOMAIN_NAME',),
     'Domain name used for both user and project when they give none.'),
)
_PASSWORD_OPTS = _SCOPE_OPTS + (
    (('--os-user-id',), 'user_id', ('OS_USER_ID',), 'User ID.'),
    (('--os-username', '--os-user-name'), 'username',
     ('OS_USERNAME', 'NOVA_USERNAME'), 'User name.'),
    (('--os-user-domain-id',), 'user_domain_id', ('OS_USER_DOMAIN_ID',),
     'Domain ID of the user.'),
    (('--os-user-domain-name',), 'user_domain_name',
     ('OS_USER_DOMAIN_NAME',), 'Domain name of the user.'),
    (('--os-password',), 'password', ('OS_PASSWORD', 'NOVA_PASSWORD'),
     'Password of the user.'),
)
_TOKEN_OPTS = _SCOPE_OPTS + (
    (('--os-token',), 'token', ('OS_TOKEN',), 'An existing token to use.'),
)
_AUTH_TYPES = {'password': _PASSWORD_OPTS, 'v3password': _PASSWORD_OPTS,
               'v2password': _PASSWORD_OPTS, 'token': _TOKEN_OPTS,
               'v3token': _TOKEN_OPTS, 'v2token': _TOKEN_OPTS}


class OpenStackHelpFormatter(argparse.HelpFormatter):
    """Help with wider option column and capitalised section headings."""

    def __init__(self, prog, indent_increment=2, max_help_position=32,
                 width=None):
        super().__init__(prog, indent_increment, max_help_position,
                         width or _terminal_width())

    def start_section(self, heading):
        super().start_section(heading[:1].upper() + heading[1:])


class NovaClientArgumentParser(argparse.ArgumentParser):

    def error(self, message):
        """Print usage and ``error: <msg>`` plus a hint, then exit 2."""
        self.print_usage(sys.stderr)
        prog, _sep, subcommand = self.prog.partition(' ')
        self.exit(ExitStatus.USAGE,
                  "error: %s\nTry '%s help %s' for more information.\n"
                  % (message.split(' (choose from')[0], prog, subcommand))

    def _get_option_tuples(self, option_string):
        # NOTE: '--key' may prefix both '--key-name' and '--key_name'; when
        # every candidate is a spelling of one option, take the first.
        tuples = super()._get_option_tuples(option_string)
        if len(tuples) > 1:
            if len({t[1].replace('_', '-') for t in tuples}) == 1:
                return tuples[:1]
        return tuples


def _auth_type(argv):
    """The auth plugin named on the command line, in env, or implied."""
    for index, word in enumerate(argv):
        for flag in ('--os-auth-type', '--os-auth-plugin'):
            if word.startswith(flag + '='):
                return word.split('=', 1)[1]
            if word == flag and index + 1 < len(argv):
                return argv[index + 1]
    env_type = utils.env('OS_AUTH_TYPE', 'OS_AUTH_PLUGIN')
    if env_type:
        return env_type
    return 'token' if '--os-token' in argv else 'password'


def _add_session_options(parser):
    group = parser.add_argument_group(
        'API Connection Options', 'Options controlling the HTTP API '
        'Connections')
    group.add_argument(
        '--insecure', action='store_true',
        default=utils.bool_from_string(utils.env('NOVACLIENT_INSECURE')),
        help='Do not verify the server\'s TLS certificate. Use with care.')
    group.add_argument(
        '--os-cacert', metavar='<ca-certificate>',
        default=utils.env('OS_CACERT') or None,
        help='CA bundle used to verify TLS server certificates. '
             'Defaults to env[OS_CACERT].')
    group.add_argument(
        '--os-cert', metavar='<certificate>',
        default=utils.env('OS_CERT') or None,
        help='Client certificate (PEM). Defaults to env[OS_CERT].')
    group.add_argument(
        '--os-key', metavar='<key>', default=utils.env('OS_KEY') or None,
        help='Private key of the client certificate (PEM). '
             'Defaults to env[OS_KEY].')
    group.add_argument(
        '--timeout', metavar='<seconds>', default=600, type=_positive_float,
        help='Request timeout in seconds.')
    group.add_argument(
        '--collect-timing', action='store_true', default=False,
        help='Collect the time spent in each API call.')
    group.add_argument(
        '--tls-ciphers', metavar='<ciphers>',
        default=utils.env('OS_TLS_CIPHERS') or None,
        help='OpenSSL cipher string for TLS connections. '
             'Defaults to env[OS_TLS_CIPHERS].')
    group.add_argument(
        '--tls-min-version', choices=[None, '1.2', '1.3'],
        default=utils.env('OS_TLS_MIN_VERSION') or None,
        help='Minimum TLS version to accept. '
             'Defaults to env[OS_TLS_MIN_VERSION].')


def _positive_float(text):
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError('%s must be positive' % text)
    return value


def _add_auth_options(parser, argv):
    default_type = _auth_type(argv)
    parser.add_argument(
        '--os-auth-type', '--os-auth-plugin', metavar='<name>',
        default=utils.env('OS_AUTH_TYPE', 'OS_AUTH_PLUGIN') or default_type,
        help='Authentication type to use.')
    group = parser.add_argument_group(
        'Authentication Options',
        'Options specific to the %s plugin.' % default_type)
    opts = _AUTH_TYPES.get(default_type)
    if opts is None:
        _add_loader_options(group, default_type)
        # NOTE: like novaclient, the identity values come from the
        # environment whatever options the plugin itself declares.
        parser.set_defaults(**{
            'os_' + dest: utils.env(*envs)
            for _flags, dest, envs, _help in _PASSWORD_OPTS
            if dest not in ('system_scope', 'domain_id', 'domain_name',
                            'trust_id', 'default_domain_id',
                            'default_domain_name')
            and parser.get_default('os_' + dest) is None})
        return
    for flags, dest, envs, help_text in opts:
        group.add_argument(*flags, dest='os_' + dest, default=utils.env(*envs),
                           help=help_text)


def _add_loader_options(group, auth_type):
    # NOTE: rare plugins (federation, application credentials, ...) are
    # described by keystoneauth itself; only then do we pay its import.
    # deferred: keystoneauth1.loading costs ~75 ms; only such plugins need it
    from keystoneauth1 import loading
    for opt in loading.get_plugin_loader(auth_type).get_options():
        group.add_argument(*opt.argparse_args, default=opt.argparse_default,
                           metavar=opt.metavar, help=opt.help,
                           dest='os_%s' % opt.dest)


def _add_global_options(parser):
    add = parser.add_argument
    add('-h', '--help', action='store_true', help=argparse.SUPPRESS)
    add('--version', action='version', version=novaclient.__version__)
    add('--debug', default=False, action='store_true',
        help='Print debugging output, including HTTP requests.')
    add('--os-cache', action='store_true',
        default=utils.bool_from_string(utils.env('OS_CACHE')),
        help='Keep the token, its catalog and the compute version range '
             'in a file under ~/.cache/novaclient and reuse them until '
             'the token nearly expires. Defaults to env[OS_CACHE].')
    add('--timings', default=False, action='store_true',
        help='Print the time taken by each API call.')
    add('--os-region-name', metavar='<region-name>',
        default=utils.env('OS_REGION_NAME', 'NOVA_REGION_NAME'),
        help='Region to use. Defaults to env[OS_REGION_NAME].')
    add('--service-type', metavar='<service-type>',
        help='Service type in the catalog (default: compute).')
    add('--service-name', metavar='<service-name>',
        default=utils.env('NOVA_SERVICE_NAME'),
        help='Service name in the catalog. Defaults to '
             'env[NOVA_SERVICE_NAME].')
    add('--os-endpoint-type', metavar='<endpoint-type>', dest='endpoint_type',
        default=utils.env('NOVA_ENDPOINT_TYPE', 'OS_ENDPOINT_TYPE',
                          default=DEFAULT_NOVA_ENDPOINT_TYPE),
        help='Endpoint interface. Defaults to env[NOVA_ENDPOINT_TYPE], '
             'env[OS_ENDPOINT_TYPE] or publicURL.')
    add('--os-compute-api-version', metavar='<compute-api-ver>',
        default=utils.env('OS_COMPUTE_API_VERSION',
                          default=DEFAULT_OS_COMPUTE_API_VERSION),
        help='API version: X, X.Y or "X.latest". Defaults to '
             'env[OS_COMPUTE_API_VERSION] or 2.latest.')
    add('--os-endpoint-override', metavar='<bypass-url>',
        dest='endpoint_override',
        default=utils.env('OS_ENDPOINT_OVERRIDE',
                          'NOVACLIENT_ENDPOINT_OVERRIDE',
                          'NOVACLIENT_BYPASS_URL'),
        help='Compute endpoint to use instead of the one in the service '
             'catalog. Defaults to env[OS_ENDPOINT_OVERRIDE].')
    _add_output_options(parser)


OUTPUT_HELP = (
    'Output: -f/--format <format> picks table (the default), json, yaml or '
    'value, and -c/--column <column> (repeatable) keeps only the named '
    'columns, in any format. Both go before the command or after it '
    '("nova list -f json", "nova show ins2 -f value -c status"). A list '
    'becomes one object per row keyed by the column titles, a '
    'Property/Value table one object; value prints the values alone, '
    'tab-separated, a row a line. The default format comes from '
    'env[%s].' % output.ENV_FORMAT)


def _add_output_options(parser, hidden=False):
    """-f/--format and -c/--column, before the command or after it.

    NOTE: they stay out of every usage line and option list, which must
    read as python-novaclient's; ``nova help`` describes them instead.
    """
    parser.add_argument(
        '-f', '--format', dest='output_format', choices=output.FORMATS,
        default=argparse.SUPPRESS if hidden else (
            utils.env(output.ENV_FORMAT) or 'table'),
        help=argparse.SUPPRESS)
    parser.add_argument(
        '-c', '--column', dest='output_columns', action='append',
        default=argparse.SUPPRESS if hidden else [], help=argparse.SUPPRESS)


def get_base_parser(argv):
    """The parser of the global options (no subcommands yet)."""
    parser = NovaClientArgumentParser(
        prog='nova',
        description='Command-line interface to the OpenStack Nova API. '
        + OUTPUT_HELP,
        epilog='See "nova help COMMAND" for help on a specific command.',
        add_help=False, formatter_class=OpenStackHelpFormatter)
    _add_global_options(parser)
    _add_session_options(parser)
    _add_auth_options(parser, argv)
    parser.set_defaults(command='')
    return parser


class OpenStackComputeShell:
    """Parses the command line, builds the client and runs one command."""

    def __init__(self):
        self.times = []
        self.subcommands = {}
        self.parser = None
        self.cs = None
        self.cache = None

    # -- parser construction ------------------------------------------------

    def get_subcommand_parser(self, version, do_help=False, argv=None,
                              only=None, with_args=None):
        """Global options plus the ``do_*`` commands valid at ``version``.

        :param only: a command name; when known, register just that one
        :param with_args: names of the commands whose arguments to declare
            (None: all); the command list of ``nova help`` needs none
        """
        parser = get_base_parser(argv or [])
        parser.set_defaults(func=self.do_help)
        subparsers = parser.add_subparsers(metavar='<subcommand>')
        commands = v2shell.commands() + [
            ('bash-completion', self.do_bash_completion),
            ('help', self.do_help)]
        if only and any(name == only for name, _ in commands):
            commands = [(n, f) for n, f in commands if n == only]
        for name, callback in commands:
            self._add_command(subparsers, name, callback, version, do_help,
                              with_args is None or name in with_args)
        hidden = subparsers.add_parser(
            'bash_completion', add_help=False,
            formatter_class=OpenStackHelpFormatter)
        hidden.set_defaults(func=self.do_bash_completion)
        self.subcommands['bash_completion'] = hidden
        return parser

    def _add_command(self, subparsers, name, callback, version, do_help,
                     with_args=True):
        desc = callback.__doc__ or ''
        if getattr(callback, 'versioned', False):
            subs = api_versions.get_substitutions(callback)
            suffix = ''
            if do_help:
                suffix = VERSIONS_MSG % (subs[0].start_version.get_string(),
                                         subs[-1].end_version.get_string())
                if version.is_latest():
                    suffix += HINT_HELP_MSG
            subs = [s for s in subs
                    if version.matches(s.start_version, s.end_version)]
            if not subs:
                return
            callback = subs[-1].func
            desc = (callback.__doc__ or desc) + suffix
        subparser = subparsers.add_parser(
            name, help=desc.strip(), description=desc, add_help=False,
            formatter_class=OpenStackHelpFormatter)
        subparser.add_argument('-h', '--help', action='help',
                               help=argparse.SUPPRESS)
        _add_output_options(subparser, hidden=True)
        self.subcommands[name] = subparser
        groups = {}
        for args, kwargs in getattr(callback, 'arguments', []) if \
                with_args else []:
            self._add_argument(subparser, groups, args, dict(kwargs), version,
                               do_help)
        subparser.set_defaults(func=callback)

    @staticmethod
    def _add_argument(subparser, groups, args, kwargs, version, do_help):
        start = kwargs.pop('start_version', None)
        end = kwargs.pop('end_version', None)
        group = kwargs.pop('group', None)
        if start:
            start = api_versions.APIVersion(start)
            end = api_versions.APIVersion(
                end or '%s.latest' % start.ver_major)
            if do_help:
                kwargs['help'] = kwargs.get('help', '') + VERSIONS_MSG % (
                    start.get_string(), end.get_string())
            if not version.matches(start, end):
                return
        if group:
            if group not in groups:
                groups[group] = subparser.add_mutually_exclusive_group()
            kwargs.setdefault('dest', group)
            groups[group].add_argument(*args, **kwargs)
        else:
            subparser.add_argument(*args, **kwargs)

    # -- the run ------------------------------------------------------------

    @staticmethod
    def setup_debugging(debug):
        if not debug:
            return
        # deferred: logging costs ~5 ms at start-up; only --debug needs it
        import logging
        logging.basicConfig(
            level=logging.DEBUG,
            format='%(levelname)s (%(module)s:%(lineno)d) %(message)s',
            force=True)
        logging.getLogger('iso8601').setLevel(logging.WARNING)
        logging.getLogger('urllib3').setLevel(logging.WARNING)

    def main(self, argv):
        """Run one command line; returns the exit status."""
        parser = get_base_parser(argv)
        args, rest = parser.parse_known_args(argv)
        self.setup_debugging(args.debug)
        do_help = args.help or not rest or rest[0] == 'help'
        skip_auth = do_help or 'bash-completion' in argv
        api_version = api_versions.get_api_version(
            args.os_compute_api_version or '2.0')
        if not skip_auth:
            _check_credentials(args)
            api_versions.check_client_range(api_version)
            self.cs = self._make_auth_client(args)
            self.cache = _token_cache(args, self.cs)
            api_version = api_versions.discover_version(
                self.cs, api_version, self._server_range(args))
            self.cs.api_version = api_version
            self.cs.follow_next_links = True
            # NOTE: as with novaclient, whose discovery client is not the
            # command's, --timings leaves the version document out.
            self.cs.reset_timings()
        only = None
        if rest and not do_help and rest[0] not in _ALL_COMMAND_NEEDERS:
            only = rest[0]
        self.parser = self.get_subcommand_parser(
            api_version, do_help=do_help, argv=argv, only=only,
            with_args=_commands_needing_args(args, rest))
        if args.help or not argv:
            self.parser.print_help()
            return ExitStatus.SUCCESS
        args = self.parser.parse_args(argv)
        if args.func in (self.do_help, self.do_bash_completion):
            args.func(args)
            return ExitStatus.SUCCESS
        try:
            output.run(args.output_format, args.output_columns,
                       lambda: self._run_command(args))
        except exceptions.Unauthorized:
            if self.cache:
                self.cache.drop()
                self.cache = None
            raise
        finally:
            if self.cache:
                self.cache.save(self.cs.client.session.auth)
        return ExitStatus.SUCCESS

    def _server_range(self, args):
        """The compute version range: from the token cache or the server."""
        if not self.cache:
            return None
        endpoint = '|'.join(str(value) for value in (
            args.service_type or DEFAULT_NOVA_SERVICE_TYPE,
            args.endpoint_type, args.service_name, args.endpoint_override))
        cached = self.cache.versions(endpoint)
        if cached:
            return tuple(api_versions.APIVersion(v) for v in cached)
        low, high = api_versions.server_range(self.cs)
        if not (low.is_null() or high.is_null()):
            self.cache.remember_versions(endpoint, low.get_string(),
                                         high.get_string())
        return low, high

    def _run_command(self, args):
        args.func(self.cs, args)
        if args.timings:
            self._dump_timings(self.times + self.cs.get_timings())

    def _make_auth_client(self, args):
        """A 2.0 client; --timings gets novaclient's 'auth_url' row."""
        # deferred: keystoneauth1 costs ~75 ms; only server commands need it
        from novaclient import client
        start = time.time()
        cs = client.Client(api_versions.APIVersion('2.0'),
                           **_client_kwargs(args))
        if not (getattr(args, 'os_token', None) and args.endpoint_override):
            self.times.append(('auth_url %s' % args.os_auth_url, start,
                               time.time()))
        return cs

    @staticmethod
    def _dump_timings(timings):
        rows = [_Timing(url, end - start) for url, start, end in timings]
        rows.append(_Timing('Total', sum(r.seconds for r in rows)))
        utils.print_list(rows, ['url', 'seconds'])

    # -- built-in commands --------------------------------------------------

    def do_bash_completion(self, _args):
        """Print every command and option on one line, for shell
        completion scripts.
        """
        commands = set(self.subcommands) - {'bash-completion',
                                            'bash_completion'}
        options = set()
        for subparser in self.subcommands.values():
            options.update(subparser._optionals._option_string_actions)
        print(' '.join(sorted(commands | options)))

    @utils.arg('command', metavar='<subcommand>', nargs='?',
               help='Command to describe.')
    def do_help(self, args):
        """Show the list of commands, or the help of one command."""
        if not getattr(args, 'command', None):
            self.parser.print_help()
        elif args.command in self.subcommands:
            self.subcommands[args.command].print_help()
        else:
            raise exceptions.CommandError(
                "'%s' is not a valid subcommand" % args.command)


def _token_cache(args, cs):
    """The token cache of this identity (None without --os-cache or for
    an auth type other than a password); the plugin gets its token."""
    if not args.os_cache or getattr(args, 'os_token', None) or \
            args.os_auth_type not in ('password', 'v3password', 'v2password'):
        return None
    # deferred: the cache module (hashlib, tempfile) only serves --os-cache
    from novaclient import cache
    kwargs = _client_kwargs(args)
    kwargs['auth_type'] = args.os_auth_type
    token_cache = cache.TokenCache(kwargs)
    token_cache.install(cs.client.session.auth)
    return token_cache


def _commands_needing_args(args, rest):
    """Which commands must declare their arguments for this run."""
    if args.help or not rest:
        return set()
    if rest[0] == 'help':
        return {'help'} | set(rest[1:2])
    return None


class _Timing:
    def __init__(self, url, seconds):
        self.url = url
        self.seconds = seconds


def _check_credentials(args):
    token = getattr(args, 'os_token', None)
    if token and args.endpoint_override:
        return
    if not (token or getattr(args, 'os_username', None)
            or getattr(args, 'os_user_id', None)):
        raise exceptions.CommandError(
            'You must provide a user name/id (via --os-username, '
            '--os-user-id, env[OS_USERNAME] or env[OS_USER_ID]) or an auth '
            'token (via --os-token).')
    if not (args.os_project_name or args.os_project_id):
        raise exceptions.CommandError(
            'You must provide a project name or project ID via '
            '--os-project-name, --os-project-id, env[OS_PROJECT_ID] or '
            'env[OS_PROJECT_NAME]. You may use os-project and os-tenant '
            'interchangeably.')
    if not args.os_auth_url:
        raise exceptions.CommandError(
            'You must provide an auth url via either --os-auth-url or '
            'env[OS_AUTH_URL].')


def _client_kwargs(args):
    """Keyword arguments of :func:`novaclient.client.Client` from the args."""
    kwargs = _auth_kwargs(args)
    endpoint_type = args.endpoint_type or DEFAULT_NOVA_ENDPOINT_TYPE
    if endpoint_type in ('internal', 'public', 'admin'):
        endpoint_type += 'URL'
    kwargs.update(
        endpoint_type=endpoint_type, region_name=args.os_region_name or None,
        service_type=args.service_type or DEFAULT_NOVA_SERVICE_TYPE,
        service_name=args.service_name or None,
        endpoint_override=args.endpoint_override or None,
        insecure=args.insecure, cacert=args.os_cacert, cert=_cert(args),
        timeout=args.timeout, timings=args.timings,
        collect_timing=args.collect_timing)
    return kwargs


def _cert(args):
    if args.os_cert and args.os_key:
        return (args.os_cert, args.os_key)
    return args.os_cert


_IDENTITY_KEYS = ('auth_url', 'username', 'user_id', 'password', 'project_id',
                  'project_name', 'project_domain_id', 'project_domain_name',
                  'user_domain_id', 'user_domain_name', 'trust_id',
                  'system_scope', 'domain_id', 'domain_name',
                  'default_domain_id', 'default_domain_name')


def _auth_kwargs(args):
    """Identity keyword arguments (or a ready auth plugin) from the args."""
    token = getattr(args, 'os_token', None)
    if token and args.endpoint_override:
        # deferred: keystoneauth1 costs ~75 ms; only server commands need it
        from keystoneauth1 import token_endpoint
        return {'auth': token_endpoint.Token(args.endpoint_override, token)}
    if args.os_auth_type not in _AUTH_TYPES:
        # deferred: keystoneauth1.loading costs ~3 ms; password/token skip it
        from keystoneauth1 import loading
        return {'auth': loading.load_auth_from_argparse_arguments(args)}
    kwargs = {key: getattr(args, 'os_' + key, None) or None
              for key in _IDENTITY_KEYS}
    if 'v2.0' not in (kwargs['auth_url'] or ''):
        # NOTE: like novaclient, assume Keystone v3 and default both
        # domains so that the common case needs no domain options.
        if not (kwargs['project_domain_id'] or kwargs['project_domain_name']):
            kwargs['project_domain_id'] = 'default'
        if not token and not (kwargs['user_domain_id']
                              or kwargs['user_domain_name']):
            kwargs['user_domain_id'] = 'default'
    kwargs['auth_token'] = token
    return kwargs


def main(argv=None):
    """Console entry point; returns the process exit status.

    Run as the program (no ``argv``), the process skips the garbage
    collector (a one-shot run frees nothing worth the passes it costs while
    importing keystoneauth1 and requests), keystoneauth1's optional netaddr
    import, and the interpreter's teardown: it flushes its output and
    leaves with ``os._exit``.
    """
    if argv is not None:
        return _run(argv)
    gc.disable()
    # NOTE: keystoneauth1 imports netaddr when it is installed, only to
    # JSON-encode netaddr addresses, which this program never sends; the
    # import (and the pprint/dataclasses/inspect it pulls in) is skipped.
    sys.modules.setdefault('netaddr', None)
    code = _run(sys.argv[1:])
    _flush_and_exit(code)


def _flush_and_exit(code):
    if 'logging' in sys.modules:
        sys.modules['logging'].shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # a closed pipe; the output is lost either way
            code = code or ExitStatus.ERROR
    os._exit(code)


def _run(argv):
    try:
        return int(OpenStackComputeShell().main(argv))
    except SystemExit as exc:
        if exc.code is None:
            return ExitStatus.SUCCESS
        return exc.code if isinstance(exc.code, int) else ExitStatus.ERROR
    except KeyboardInterrupt:
        print('... terminating nova client', file=sys.stderr)
        return ExitStatus.CTRL_C
    except Exception as exc:
        # deferred: logging costs ~5 ms at start-up; only failures log it
        import logging
        logging.getLogger(__name__).debug(exc, exc_info=True)
        print('ERROR (%s): %s' % (type(exc).__name__, exc), file=sys.stderr)
        return ExitStatus.ERROR


if __name__ == '__main__':
    sys.exit(main())
