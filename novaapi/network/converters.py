"""Neutron's attribute converters and validators, and the error they raise."""

import ipaddress

from novaapi import exception

TRUE = ('true', '1', 'yes', 'on', 't', 'y')
FALSE = ('false', '0', 'no', 'off', 'f', 'n')


class InvalidInput(exception.Invalid):
    msg_fmt = 'Invalid input for operation: %(error_message)s.'


def to_bool(value):
    """``value`` as a boolean, read the way Neutron reads ``true``, ``0``, ``on``...

    :raises InvalidInput: not a boolean
    """
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise InvalidInput(error_message="'%s' cannot be converted to boolean" % value)


def fixed_ips(requested):
    """A port's requested ``fixed_ips``: ``[{'ip_address'?, 'subnet_id'?}]``, addresses checked.

    :raises InvalidInput: not a list of objects, or an address that is not an IP
    """
    if not isinstance(requested, list) or not all(isinstance(i, dict) for i in requested):
        raise InvalidInput(error_message='Invalid data format for fixed IP')
    for entry in requested:
        if entry.get('ip_address'):
            try:
                ipaddress.ip_address(entry['ip_address'])
            except ValueError:
                raise InvalidInput(error_message="'%s' is not a valid IP address"
                                   % entry['ip_address']) from None
    return requested
