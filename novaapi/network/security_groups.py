"""Security groups and their rules: Neutron's rules, defaults, validation and policy.

Every project has one ``default`` group, created the first time the project
needs it, with Neutron's four default rules (all egress, ingress from the
group itself); other new groups get the two egress rules.  Public functions
are one transaction each; the helpers that take a ``sess`` compose inside a
caller's transaction (ports join groups when they are created or updated).
"""

import ipaddress
import uuid

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from novaapi import exception
from novaapi.db import engine
from novaapi.network import claims
from novaapi.network import converters
from novaapi.network import models
from novaapi.network import policy
from novaapi.network import quotas
from novaapi.network import tags as tag_rows

DEFAULT_SG_DESCRIPTION = 'Default security group'
DEFAULT = 'default'

PROTOCOLS = {'ah': 51, 'dccp': 33, 'egp': 8, 'esp': 50, 'gre': 47, 'hopopt': 0, 'icmp': 1,
             'igmp': 2, 'ipip': 4, 'ipv6-encap': 41, 'ipv6-frag': 44, 'ipv6-icmp': 58,
             'icmpv6': 58, 'ipv6-nonxt': 59, 'ipv6-opts': 60, 'ipv6-route': 43, 'ospf': 89,
             'pgm': 113, 'rsvp': 46, 'sctp': 132, 'tcp': 6, 'udp': 17, 'udplite': 136,
             'vrrp': 112}
"""Protocol names Neutron accepts in a rule, and their numbers."""

PORT_PROTOCOLS = {6, 17, 33, 132, 136}
ICMP_PROTOCOLS = {1, 58}
IPV6_ONLY = {'ipv6-encap', 'ipv6-frag', 'ipv6-icmp', 'icmpv6', 'ipv6-nonxt', 'ipv6-opts',
             'ipv6-route'}
ANY_PREFIX = {'IPv4': '0.0.0.0/0', 'IPv6': '::/0'}


class SecurityGroupNotFound(exception.NotFound):
    msg_fmt = 'Security group %(id)s does not exist'


class SecurityGroupRuleNotFound(exception.NotFound):
    msg_fmt = 'Security group rule %(id)s does not exist'


class SecurityGroupInUse(exception.Conflict):
    msg_fmt = 'Security Group %(id)s in use.'


class SecurityGroupCannotRemoveDefault(exception.Conflict):
    msg_fmt = 'Insufficient rights for removing default security group.'


class SecurityGroupCannotUpdateDefault(exception.Conflict):
    msg_fmt = 'Updating default security group not allowed.'


class SecurityGroupDefaultAlreadyExists(exception.Conflict):
    msg_fmt = 'Default security group already exists.'


class SecurityGroupRuleExists(exception.Conflict):
    msg_fmt = 'Security group rule already exists. Rule id is %(rule_id)s.'


class DuplicateSecurityGroupRuleInPost(exception.Conflict):
    msg_fmt = 'Duplicate Security Group Rule in POST.'


class SecurityGroupRuleInvalidProtocol(exception.Invalid):
    msg_fmt = ('Security group rule protocol %(protocol)s not supported. Only protocol values '
               '%(values)s and integer representations [0 to 255] are supported.')


class SecurityGroupRuleInvalidEtherType(exception.Invalid):
    msg_fmt = ('Security group rule for ethertype \'%(ethertype)s\' not supported. Allowed '
               'values are %(values)s.')


class SecurityGroupInvalidPortRange(exception.Invalid):
    msg_fmt = 'For TCP/UDP protocols, port_range_min must be <= port_range_max'


class SecurityGroupInvalidPortValue(exception.Invalid):
    msg_fmt = 'Invalid value for port %(port)s'


class SecurityGroupProtocolRequiredWithPorts(exception.Invalid):
    msg_fmt = 'Must also specify protocol if port range is given.'


class SecurityGroupInvalidProtocolForPort(exception.Invalid):
    msg_fmt = ('Invalid protocol %(protocol)s for port range, only supported for TCP, UDP, '
               'UDPLITE, SCTP and DCCP.')


class SecurityGroupInvalidIcmpValue(exception.Invalid):
    msg_fmt = 'Invalid value for ICMP %(field)s (%(attr)s) %(value)s. It must be 0 to 255.'


class SecurityGroupMissingIcmpType(exception.Invalid):
    msg_fmt = ('ICMP code (port-range-max) %(value)s is provided but ICMP type '
               '(port-range-min) is missing.')


class SecurityGroupRuleParameterConflict(exception.Invalid):
    msg_fmt = 'Conflicting value ethertype %(ethertype)s for CIDR %(cidr)s'


class SecurityGroupEthertypeConflictWithProtocol(exception.Invalid):
    msg_fmt = 'Invalid ethertype %(ethertype)s for protocol %(protocol)s.'


class SecurityGroupMultipleRemoteEntites(exception.Invalid):
    msg_fmt = 'Only remote_ip_prefix or remote_group_id may be provided.'


class InvalidCIDR(exception.Invalid):
    msg_fmt = 'Invalid CIDR %(input)s given as IP prefix.'


# --- helpers inside a caller's transaction -----------------------------------------------

def _rule(group, direction, ethertype, remote_group_id=None, **values):
    return models.SecurityGroupRule(id=str(uuid.uuid4()), project_id=group.project_id,
                                    security_group_id=group.id, direction=direction,
                                    ethertype=ethertype, remote_group_id=remote_group_id,
                                    **values)


def _egress_rules(group):
    return [_rule(group, 'egress', ethertype) for ethertype in ('IPv4', 'IPv6')]


_DEFAULT_ID = (sa.select(models.DefaultSecurityGroup.security_group_id)
               .where(models.DefaultSecurityGroup.project_id == sa.bindparam('project_id')))


_DEFAULT_IDS = 'network_default_groups'
"""``sess.info`` key: the default group ids this transaction found, by project (a batch of
builds gives many ports of one project the same group)."""


def default_id(sess, project_id):
    """The id of the project's ``default`` group, created the first time; the group itself
    is not loaded (every port a server gets locks its quota on it)."""
    known = sess.info.setdefault(_DEFAULT_IDS, {})
    found = known.get(project_id)
    if found is None:
        found = sess.scalar(_DEFAULT_ID, {'project_id': project_id})
        if found is None:
            found = ensure_default(sess, project_id).id
        known[project_id] = found
    return found


def ensure_default(sess, project_id):
    """The project's ``default`` group with its four rules, created the first time it is needed."""
    link = sess.get(models.DefaultSecurityGroup, project_id)
    if link is not None:
        return sess.get(models.SecurityGroup, link.security_group_id)
    claims.begin_writing(sess)
    group = models.SecurityGroup(id=str(uuid.uuid4()), project_id=project_id, name=DEFAULT,
                                 description=DEFAULT_SG_DESCRIPTION)
    try:
        with sess.begin_nested():
            sess.add(group)
            sess.flush()
            sess.add(models.DefaultSecurityGroup(project_id=project_id,
                                                 security_group_id=group.id))
            sess.flush()
    except sa_exc.IntegrityError:
        # NOTE: another request created it first; use theirs (a locking read sees
        # it even under a REPEATABLE READ snapshot).  The group row is locked
        # exclusively at once: the quota lock takes it next, and shared locks
        # upgraded by several workers at once would deadlock.
        group_id = sess.scalar(sa.select(models.DefaultSecurityGroup.security_group_id)
                               .where(models.DefaultSecurityGroup.project_id == project_id)
                               .with_for_update(read=True))
        return sess.scalars(sa.select(models.SecurityGroup)
                            .where(models.SecurityGroup.id == group_id)
                            .with_for_update()).one()
    sess.add_all(_egress_rules(group) + [_rule(group, 'ingress', ethertype,
                                               remote_group_id=group.id)
                                         for ethertype in ('IPv4', 'IPv6')])
    sess.flush()
    sess.expire(group, ['rules'])
    return group


def visible(query, ctx, rule='get_security_group'):
    if policy.unrestricted(ctx, rule):
        return query
    return query.where(policy.owned(models.SecurityGroup.project_id, ctx))


def find_all(sess, ctx, filters=None):
    """The groups ``ctx`` may see, oldest first; its project's ``default`` one is created first.

    :param filters: ``{column: [values]}`` over id, name, project_id
    """
    if ctx.project_id:
        ensure_default(sess, ctx.project_id)
    query = visible(sa.select(models.SecurityGroup), ctx)
    for column, values in (filters or {}).items():
        query = query.where(getattr(models.SecurityGroup, column).in_(values))
    return list(sess.scalars(query.order_by(models.SecurityGroup.created_at,
                                            models.SecurityGroup.id)))


def find(sess, ctx, group_id):
    """:raises SecurityGroupNotFound: unknown, or not visible to ``ctx``"""
    found = find_all(sess, ctx, {'id': [str(group_id)]})
    if not found:
        raise SecurityGroupNotFound(id=group_id)
    return found[0]


def resolve_for_port(sess, ctx, project_id, group_ids):
    """The groups a port of ``project_id`` is put in: ``group_ids``, each one visible.

    :raises SecurityGroupNotFound: an unknown or invisible group
    """
    if not isinstance(group_ids, list):
        raise converters.InvalidInput(error_message="Invalid input for security_groups. "
                                      "Reason: '%s' is not a list." % (group_ids,))
    ensure_default(sess, project_id)
    found = []
    for group_id in group_ids:
        if not isinstance(group_id, str):
            raise SecurityGroupNotFound(id=group_id)
        query = sa.select(models.SecurityGroup).where(models.SecurityGroup.id == group_id)
        if not ctx.is_admin:
            query = query.where(models.SecurityGroup.project_id == project_id)
        group = sess.scalars(query).first()
        if group is None:
            raise SecurityGroupNotFound(id=group_id)
        if group.id not in [g.id for g in found]:
            found.append(group)
    return found


def in_use(sess, group_id):
    return sess.scalar(sa.select(sa.func.count()).select_from(models.PortSecurityGroup)
                       .where(models.PortSecurityGroup.security_group_id == group_id)) > 0


# --- groups: one transaction a call ------------------------------------------------------

def list_security_groups(ctx, filters=None):
    """The groups ``ctx`` may see (its project's ``default`` one is created on first sight).

    :param filters: ``{column: [values]}`` over id, name, project_id
    """
    with engine.transaction() as sess:
        return find_all(sess, ctx, filters)


def get_security_group(ctx, group_id):
    """:raises SecurityGroupNotFound: unknown, or not visible to ``ctx``"""
    with engine.transaction() as sess:
        return find(sess, ctx, group_id)


def _is_default_name(name):
    return name.lower() == DEFAULT


def _insert_group(sess, ctx, attributes):
    item = dict(attributes)
    project_id = policy.owner(ctx, item, 'create_security_group')
    policy.authorize(ctx, 'create_security_group', {'project_id': project_id})
    name = converters.string('name', item.get('name'))
    description = converters.string('description', item.get('description'))
    stateful = converters.boolean('stateful', item['stateful']) if 'stateful' in item else None
    tags = tag_rows.checked(item['tags']) if 'tags' in item else []
    if _is_default_name(name):
        raise SecurityGroupDefaultAlreadyExists()
    quotas.lock(sess, default_id(sess, project_id))
    group = models.SecurityGroup(id=str(uuid.uuid4()), project_id=project_id, name=name,
                                 description=description, stateful=stateful)
    sess.add(group)
    sess.flush()
    sess.add_all(_egress_rules(group))
    tag_rows.replace(sess, group.id, tags)
    sess.flush()
    quotas.enforce(sess, project_id, 'security_group', 'security_group_rule')
    sess.expire(group, ['rules', 'tag_rows'])
    return _loaded(group)


def create_security_group(ctx, attributes):
    """A group from ``POST /v2.0/security-groups``'s attributes, with its two egress rules.

    :raises SecurityGroupDefaultAlreadyExists: the name is ``default``
    :raises converters.OverQuota: the project has all its groups or rules
    """
    with engine.transaction() as sess:
        return _insert_group(sess, ctx, attributes)


def create_security_groups(ctx, items):
    """Several groups at once (a bulk POST): all or nothing."""
    with engine.transaction() as sess:
        return [_insert_group(sess, ctx, item) for item in items]


def _loaded(group):
    group.rules, group.tag_rows  # noqa: B018 - loads the relationships
    return group


def _target(group):
    return {'project_id': group.project_id}


def update_security_group(ctx, group_id, read_attributes):
    """Rename or redescribe a group; ``read_attributes()`` is called once the group is found.

    :raises SecurityGroupCannotUpdateDefault: renaming the ``default`` group
    :raises SecurityGroupDefaultAlreadyExists: renaming another group ``default``
    """
    with engine.transaction() as sess:
        group = find(sess, ctx, group_id)
        policy.authorize(ctx, 'update_security_group', _target(group))
        item = read_attributes()
        if 'name' in item:
            name = converters.string('name', item['name'])
            if group.name == DEFAULT and name != DEFAULT:
                raise SecurityGroupCannotUpdateDefault()
            if group.name != DEFAULT and _is_default_name(name):
                raise SecurityGroupDefaultAlreadyExists()
            group.name = name
        if 'description' in item:
            group.description = converters.string('description', item['description'])
        if 'stateful' in item:
            group.stateful = converters.boolean('stateful', item['stateful'])
        group.revision_number += 1
        sess.flush()
        return _loaded(group)


def delete_security_group(ctx, group_id):
    """:raises SecurityGroupInUse: a port is in the group
    :raises SecurityGroupCannotRemoveDefault: a non-admin deletes ``default``
    """
    with engine.transaction() as sess:
        group = find(sess, ctx, group_id)
        policy.authorize(ctx, 'delete_security_group', _target(group))
        link = sess.get(models.DefaultSecurityGroup, group.project_id)
        is_default = link is not None and link.security_group_id == group.id
        if is_default and not ctx.is_admin:
            raise SecurityGroupCannotRemoveDefault()
        if in_use(sess, group.id):
            raise SecurityGroupInUse(id=group.id)
        sess.execute(sa.delete(models.SecurityGroupRule)
                     .where(models.SecurityGroupRule.remote_group_id == group.id,
                            models.SecurityGroupRule.security_group_id != group.id))
        if is_default:
            sess.delete(link)
        tag_rows.drop(sess, group.id)
        sess.delete(group)
        sess.flush()


# --- rules -------------------------------------------------------------------------------

def _protocol(value, ethertype):
    """The rule's protocol as stored (a name in lower case, a number as text), or None."""
    if value is None or value == '' or (isinstance(value, str) and value.lower() == 'any'):
        return None
    text = str(value).lower() if not isinstance(value, bool) else ''
    if text in PROTOCOLS:
        if ethertype == 'IPv4' and text in IPV6_ONLY:
            raise SecurityGroupEthertypeConflictWithProtocol(ethertype=ethertype, protocol=text)
        return text
    if text.isdigit() and 0 <= int(text) <= 255:
        return str(int(text))
    raise SecurityGroupRuleInvalidProtocol(protocol=value,
                                           values=sorted(PROTOCOLS) + ['any'])


def _protocol_number(protocol):
    if protocol is None:
        return None
    return PROTOCOLS[protocol] if protocol in PROTOCOLS else int(protocol)


def _port(name, value):
    if value is None:
        return None
    try:
        if isinstance(value, bool) or not 0 <= int(value) <= 65535:
            raise ValueError
        return int(value)
    except (TypeError, ValueError):
        raise converters.InvalidInput(error_message="Invalid input for %s. Reason: '%s' is not "
                                      "a valid port number." % (name, value)) from None


def _check_ports(protocol, low, high):
    if low is None and high is None:
        return
    number = _protocol_number(protocol)
    if number is None:
        raise SecurityGroupProtocolRequiredWithPorts()
    if number in ICMP_PROTOCOLS:
        if low is None:
            raise SecurityGroupMissingIcmpType(value=high)
        for field, attr, value in (('type', 'port_range_min', low), ('code', 'port_range_max', high)):
            if value is not None and not 0 <= value <= 255:
                raise SecurityGroupInvalidIcmpValue(field=field, attr=attr, value=value)
        return
    if number not in PORT_PROTOCOLS:
        raise SecurityGroupInvalidProtocolForPort(protocol=protocol)
    if low == 0 or high == 0:
        raise SecurityGroupInvalidPortValue(port=0)
    if low is None or high is None or low > high:
        raise SecurityGroupInvalidPortRange()


def _remote_prefix(value, ethertype):
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError
        network = ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise InvalidCIDR(input=value) from None
    if ('IPv%d' % network.version) != ethertype:
        raise SecurityGroupRuleParameterConflict(ethertype=ethertype, cidr=value)
    return str(network)


RULE_ATTRIBUTES = ('security_group_id', 'direction', 'ethertype', 'protocol', 'port_range_min',
                   'port_range_max', 'remote_ip_prefix', 'remote_group_id', 'description',
                   'project_id', 'tenant_id', 'remote_address_group_id')


def _rule_values(item):
    """The checked column values of a new rule (all but the group and project)."""
    direction = item.get('direction')
    if direction not in ('ingress', 'egress'):
        raise converters.InvalidInput(error_message="Invalid input for direction. Reason: '%s' "
                                      "is not in ['ingress', 'egress']." % (direction,))
    ethertype = item.get('ethertype', 'IPv4')
    if not isinstance(ethertype, str) or ethertype.lower() not in ('ipv4', 'ipv6'):
        raise SecurityGroupRuleInvalidEtherType(ethertype=ethertype, values=['IPv4', 'IPv6'])
    ethertype = 'IPv%s' % ethertype[-1]
    protocol = _protocol(item.get('protocol'), ethertype)
    low = _port('port_range_min', item.get('port_range_min'))
    high = _port('port_range_max', item.get('port_range_max'))
    _check_ports(protocol, low, high)
    remotes = [k for k in ('remote_ip_prefix', 'remote_group_id', 'remote_address_group_id')
               if item.get(k) is not None]
    if len(remotes) > 1:
        raise SecurityGroupMultipleRemoteEntites()
    prefix = _remote_prefix(item.get('remote_ip_prefix'), ethertype)
    return {'direction': direction, 'ethertype': ethertype, 'protocol': protocol,
            'port_range_min': low, 'port_range_max': high, 'remote_ip_prefix': prefix,
            'description': converters.string('description', item.get('description'))}


def _key(values):
    prefix = values.get('remote_ip_prefix')
    if prefix == ANY_PREFIX.get(values['ethertype']):
        prefix = None
    return (values['direction'], values['ethertype'], _protocol_number(values.get('protocol')),
            values.get('port_range_min'), values.get('port_range_max'), prefix,
            values.get('remote_group_id'))


def _rule_key(rule):
    return _key({c: getattr(rule, c) for c in ('direction', 'ethertype', 'protocol',
                                                'port_range_min', 'port_range_max',
                                                'remote_ip_prefix', 'remote_group_id')})


def _group_for_rule(sess, ctx, group_id, rule):
    if not isinstance(group_id, str):
        raise converters.InvalidInput(error_message="Invalid input for security_group_id. "
                                      "Reason: '%s' is not a valid UUID." % (group_id,))
    group = find(sess, ctx, group_id)
    policy.authorize(ctx, rule, _target(group))
    return group


def create_rules(ctx, items):
    """Rules from ``POST /v2.0/security-group-rules`` (one or a bulk list), all or nothing.

    :raises SecurityGroupNotFound: the group or remote group is unknown or not visible
    :raises SecurityGroupRuleExists: the same rule is in the group already
    :raises DuplicateSecurityGroupRuleInPost: twice the same rule in one request
    :raises converters.OverQuota: the project has all its rules
    """
    with engine.transaction() as sess:
        created, keys = [], set()
        for item in items:
            if 'security_group_id' not in item:
                raise converters.BadRequest(resource='security_group_rule',
                                            msg="Failed to parse request. Required attribute "
                                                "'security_group_id' not specified")
            item = dict(item)
            policy.owner(ctx, item, 'create_security_group_rule')
            values = _rule_values(item)
            group = _group_for_rule(sess, ctx, item['security_group_id'],
                                    'create_security_group_rule')
            remote = item.get('remote_group_id')
            if remote is not None:
                values['remote_group_id'] = find(sess, ctx, remote).id
            key = _key(values)
            if key in keys:
                raise DuplicateSecurityGroupRuleInPost()
            keys.add(key)
            for rule in group.rules:
                if _rule_key(rule) == key:
                    raise SecurityGroupRuleExists(rule_id=rule.id)
            remote_group_id = values.pop('remote_group_id', None)
            rule = _rule(group, remote_group_id=remote_group_id, **values)
            sess.add(rule)
            created.append(rule)
        sess.flush()
        for project_id in {rule.project_id for rule in created}:
            quotas.lock(sess, default_id(sess, project_id))
            quotas.enforce(sess, project_id, 'security_group_rule')
        return created


def _find_rule(sess, ctx, rule_id):
    query = sa.select(models.SecurityGroupRule).where(models.SecurityGroupRule.id == str(rule_id))
    if not policy.unrestricted(ctx, 'get_security_group_rule'):
        query = query.where(policy.owned(models.SecurityGroupRule.project_id, ctx))
    rule = sess.scalars(query).first()
    if rule is None:
        raise SecurityGroupRuleNotFound(id=rule_id)
    return rule


def list_rules(ctx):
    with engine.transaction() as sess:
        if ctx.project_id:
            ensure_default(sess, ctx.project_id)
        query = sa.select(models.SecurityGroupRule)
        if not policy.unrestricted(ctx, 'get_security_group_rule'):
            query = query.where(policy.owned(models.SecurityGroupRule.project_id, ctx))
        return list(sess.scalars(query.order_by(models.SecurityGroupRule.created_at,
                                                models.SecurityGroupRule.id)))


def get_rule(ctx, rule_id):
    with engine.transaction() as sess:
        return _find_rule(sess, ctx, rule_id)


def delete_rule(ctx, rule_id):
    with engine.transaction() as sess:
        rule = _find_rule(sess, ctx, rule_id)
        policy.authorize(ctx, 'delete_security_group_rule', {'project_id': rule.project_id})
        sess.delete(rule)
        sess.flush()
