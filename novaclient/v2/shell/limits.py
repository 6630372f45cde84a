"""The limits command."""

from novaclient import utils

# Nova key -> (row name, column)
_LIMIT_MAP = {
    'maxServerMeta': ('Server Meta', 'max'),
    'maxPersonality': ('Personality', 'max'),
    'maxPersonalitySize': ('Personality Size', 'max'),
    'maxImageMeta': ('ImageMeta', 'max'),
    'maxTotalKeypairs': ('Keypairs', 'max'),
    'totalCoresUsed': ('Cores', 'used'),
    'maxTotalCores': ('Cores', 'max'),
    'totalRAMUsed': ('RAM', 'used'),
    'maxTotalRAMSize': ('RAM', 'max'),
    'totalInstancesUsed': ('Instances', 'used'),
    'maxTotalInstances': ('Instances', 'max'),
    'totalFloatingIpsUsed': ('FloatingIps', 'used'),
    'maxTotalFloatingIps': ('FloatingIps', 'max'),
    'totalSecurityGroupsUsed': ('SecurityGroups', 'used'),
    'maxSecurityGroups': ('SecurityGroups', 'max'),
    'maxSecurityGroupRules': ('SecurityGroupRules', 'max'),
    'maxServerGroups': ('ServerGroups', 'max'),
    'totalServerGroupsUsed': ('ServerGroups', 'used'),
    'maxServerGroupMembers': ('ServerGroupMembers', 'max'),
}


class _Row:
    def __init__(self, name, used, max, other):
        self.name = name
        self.used = used
        self.max = max
        self.other = other


def print_absolute_limits(limits):
    """Name | Used | Max table, plus an Other column for unknown keys."""
    values = {'max': {}, 'used': {}, 'other': {}}
    columns = ['Name', 'Used', 'Max']
    for limit in limits:
        name, kind = _LIMIT_MAP.get(limit.name, (limit.name, 'other'))
        values[kind][name] = limit.value
        if kind == 'other' and 'Other' not in columns:
            columns.append('Other')
    names = sorted(set().union(*values.values()))
    rows = [_Row(name, values['used'].get(name, '-'),
                 values['max'].get(name, '-'),
                 values['other'].get(name, '-')) for name in names]
    utils.print_list(rows, columns)


def print_rate_limits(limits):
    utils.print_list(limits, ['Verb', 'URI', 'Value', 'Remain', 'Unit',
                              'Next_Available'])


@utils.arg('--tenant', dest='tenant', metavar='<tenant>', nargs='?',
           help="Show this project's limits instead (admin).")
@utils.arg('--reserved', dest='reserved', action='store_true', default=False,
           help='Include reservations in the counts.')
def do_limits(cs, args):
    """Show the absolute limits of a project and what is in use."""
    limits = cs.limits.get(args.reserved, args.tenant)
    print_rate_limits(limits.rate)
    print_absolute_limits(limits.absolute)
