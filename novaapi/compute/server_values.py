"""What a request gives a server, checked: hostname, password hash, user data, image, key pair,
security groups."""

import base64
import binascii
import hashlib
import re
import secrets

from novaapi.compute import keypairs
from novaapi import exception
from novaapi.image import api as image_api
from novaapi.network import api as network_api


def sanitize_hostname(name, default=None):
    """Nova's hostname derived from a display name."""
    text = re.sub(r'[ _]', '-', name or '')
    text = re.sub(r'[^\w.-]+', '', text, flags=re.ASCII).lower()
    text = text.strip('.-')[:63].strip('.-')
    return text or default


def hash_password(password):
    if password is None:
        return None
    salt = secrets.token_hex(8)
    return 'sha256$%s$%s' % (salt, hashlib.sha256((salt + password).encode()).hexdigest())


def decode_user_data(user_data):
    if user_data is None:
        return None
    try:
        base64.b64decode(user_data, validate=True)
    except (binascii.Error, ValueError):
        raise exception.Invalid('User data needs to be valid base 64.') from None
    return user_data


def active_image(sess, ctx, image_ref, missing='Can not find requested image'):
    """The image ``image_ref``; a 400 saying ``missing`` when unknown, another when not active."""
    try:
        image = image_api.server_image(sess, ctx, image_ref)
    except exception.ImageNotFound:
        raise exception.Invalid(missing) from None
    if image.status != 'active':
        raise exception.Invalid('Image %s is not active.' % image.id)
    return image


def key_data(sess, ctx, key_name):
    """The public key of the caller's key pair ``key_name`` (None for None), else a 400."""
    if key_name is None:
        return None
    try:
        return keypairs.get(sess, ctx.user_id, key_name).public_key
    except exception.KeypairNotFound:
        raise exception.Invalid('Invalid key_name provided.') from None


def find_security_group(sess, ctx, name):
    """The project's security group named (or with the id) ``name``, else a 404."""
    network_api.ensure_default_security_group(sess, ctx.project_id)
    for group in network_api.list_security_groups(sess, ctx):
        if name in (group.name, group.id):
            return group
    raise exception.NotFound('Security group %s not found for project %s.' % (name, ctx.project_id))
