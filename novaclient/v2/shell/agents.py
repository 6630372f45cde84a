"""agent-* commands: guest agent builds, an API Nova has removed.

Every one of them warns on stderr, as python-novaclient 18 does, and then
meets the server's 410.
"""

import sys

from novaclient import utils

DEPRECATED = ('This command has been deprecated since 23.0.0 Wallaby Release '
              'and will be removed in the first major release after the Nova '
              'server 24.0.0 X release.')


def _warn():
    print(DEPRECATED, file=sys.stderr)


@utils.arg('--hypervisor', metavar='<hypervisor>', default=None,
           help='Only the builds for this hypervisor type.')
def do_agent_list(cs, args):
    """DEPRECATED Show the guest agent builds."""
    _warn()
    agents = cs.agents.list(args.hypervisor)
    utils.print_list(agents, ['Agent_id', 'Hypervisor', 'OS', 'Architecture',
                              'Version', 'Md5hash', 'Url'])


@utils.arg('os', metavar='<os>', help='Guest operating system.')
@utils.arg('architecture', metavar='<architecture>',
           help='Guest architecture.')
@utils.arg('version', metavar='<version>', help='Version of the build.')
@utils.arg('url', metavar='<url>', help='Where the build can be fetched.')
@utils.arg('md5hash', metavar='<md5hash>', help='MD5 sum of the build.')
@utils.arg('hypervisor', metavar='<hypervisor>', help='Hypervisor type.')
def do_agent_create(cs, args):
    """DEPRECATED Register a guest agent build."""
    _warn()
    agent = cs.agents.create(args.os, args.architecture, args.version,
                             args.url, args.md5hash, args.hypervisor)
    utils.print_list([agent], ['Agent_id', 'Hypervisor', 'OS', 'Architecture',
                               'Version', 'Md5hash', 'Url'])


@utils.arg('id', metavar='<id>', help='ID of the build.')
def do_agent_delete(cs, args):
    """DEPRECATED Remove a guest agent build."""
    _warn()
    cs.agents.delete(args.id)


@utils.arg('id', metavar='<id>', help='ID of the build.')
@utils.arg('version', metavar='<version>', help='New version.')
@utils.arg('url', metavar='<url>', help='New download URL.')
@utils.arg('md5hash', metavar='<md5hash>', help='New MD5 sum.')
def do_agent_modify(cs, args):
    """DEPRECATED Change a guest agent build."""
    _warn()
    agent = cs.agents.update(args.id, args.version, args.url, args.md5hash)
    utils.print_dict(agent.to_dict())
