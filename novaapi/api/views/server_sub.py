"""Formatting shared by the server sub-resource views."""

import hashlib


def timestamp(value):
    """Nova's JSON form of a stored datetime: ``2016-01-29T13:42:02.000000`` (no zone)."""
    return value.strftime('%Y-%m-%dT%H:%M:%S.%f') if value else None


def host_id(host, project_id):
    """The obfuscated host of a project's resource: sha224(project + host), ``""`` without host."""
    if not host:
        return ''
    return hashlib.sha224(((project_id or '') + host).encode()).hexdigest()
