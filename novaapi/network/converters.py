"""Neutron's attribute converters and validators, and the error they raise."""

import ipaddress
import uuid as uuidlib

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


class BadRequest(exception.Invalid):
    msg_fmt = 'Bad %(resource)s request: %(msg)s.'


class OverQuota(exception.Conflict):
    msg_fmt = 'Quota exceeded for resources: %(overs)s.'


def string(name, value, max_len=255):
    """A text attribute (``None`` reads empty).

    :raises InvalidInput: not a string, or longer than ``max_len``
    """
    if value is None:
        return ''
    if not isinstance(value, str):
        raise InvalidInput(error_message="Invalid input for %s. Reason: '%s' is not a valid string."
                           % (name, value))
    if len(value) > max_len:
        raise InvalidInput(error_message="Invalid input for %s. Reason: '%s' exceeds maximum "
                           "length of %d." % (name, value, max_len))
    return value


def boolean(name, value):
    """A boolean attribute, read the Neutron way; the error names the attribute."""
    try:
        return to_bool(value)
    except InvalidInput:
        raise InvalidInput(error_message="Invalid input for %s. Reason: '%s' cannot be converted "
                           "to boolean." % (name, value)) from None


def integer(name, value, low=None, high=None):
    """An integer attribute (numeric strings accepted)."""
    try:
        if isinstance(value, bool) or isinstance(value, float):
            raise ValueError
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidInput(error_message="Invalid input for %s. Reason: '%s' is not an integer."
                           % (name, value)) from None
    if (low is not None and number < low) or (high is not None and number > high):
        raise InvalidInput(error_message="Invalid input for %s. Reason: '%s' is not in range "
                           "%s through %s." % (name, value, low, high))
    return number


def uuid_value(name, value):
    """A UUID attribute, as text."""
    try:
        return str(uuidlib.UUID(str(value))) if isinstance(value, str) else _no_uuid(name, value)
    except ValueError:
        return _no_uuid(name, value)


def _no_uuid(name, value):
    raise InvalidInput(error_message="Invalid input for %s. Reason: '%s' is not a valid UUID."
                       % (name, value))


def string_list(name, value):
    """A list of strings."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInput(error_message="Invalid input for %s. Reason: '%s' is not a list."
                           % (name, value))
    return list(value)


def cidr(name, value):
    """An IP network in CIDR form (host bits allowed), as ``ipaddress`` reads it."""
    try:
        if not isinstance(value, str) or '/' not in value:
            raise ValueError
        return ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise InvalidInput(error_message="Invalid input for %s. Reason: '%s' is not a valid IP "
                           "subnet." % (name, value)) from None


def ip(name, value):
    try:
        if not isinstance(value, str):
            raise ValueError
        return ipaddress.ip_address(value)
    except ValueError:
        raise InvalidInput(error_message="Invalid input for %s. Reason: '%s' is not a valid IP "
                           "address." % (name, value)) from None
