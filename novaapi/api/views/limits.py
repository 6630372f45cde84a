"""The absolute limits view of GET /limits: quota names mapped to Nova's display names."""

_MAX_NAMES = (
    ('ram', 'maxTotalRAMSize'),
    ('instances', 'maxTotalInstances'),
    ('cores', 'maxTotalCores'),
    ('key_pairs', 'maxTotalKeypairs'),
    ('floating_ips', 'maxTotalFloatingIps'),
    ('metadata_items', 'maxServerMeta'),
    ('metadata_items', 'maxImageMeta'),
    ('injected_files', 'maxPersonality'),
    ('injected_file_content_bytes', 'maxPersonalitySize'),
    ('security_groups', 'maxSecurityGroups'),
    ('security_group_rules', 'maxSecurityGroupRules'),
    ('server_groups', 'maxServerGroups'),
    ('server_group_members', 'maxServerGroupMembers'),
)

_USED_NAMES = (
    ('ram', 'totalRAMUsed'),
    ('cores', 'totalCoresUsed'),
    ('instances', 'totalInstancesUsed'),
    ('floating_ips', 'totalFloatingIpsUsed'),
    ('security_groups', 'totalSecurityGroupsUsed'),
    ('server_groups', 'totalServerGroupsUsed'),
)


def _hidden(req):
    hidden = set()
    if req.is_version('2.36'):
        hidden |= {'floating_ips', 'security_groups', 'security_group_rules'}
    if req.is_version('2.57'):
        hidden |= {'injected_files', 'injected_file_content_bytes'}
    return hidden


def index(req, limits, in_use):
    hidden = _hidden(req)
    absolute = {name: limits[key] for key, name in _MAX_NAMES
                if key not in hidden and not (name == 'maxImageMeta' and req.is_version('2.39'))}
    absolute.update((name, in_use.get(key, 0)) for key, name in _USED_NAMES if key not in hidden)
    return {'limits': {'rate': [], 'absolute': absolute}}
