"""The tags API of network resources (``/v2.0/{collection}/{id}/tags``), one transaction a call.

A resource's tags are read by whoever may see it and changed by whoever may update it
(``update_network``, ``update_port``, ...), as Neutron's tagging extension checks.
"""

from novaapi import exception
from novaapi.db import engine
from novaapi.network import floatingips
from novaapi.network import networks
from novaapi.network import policy
from novaapi.network import ports
from novaapi.network import routers
from novaapi.network import security_groups
from novaapi.network import subnets
from novaapi.network import tags as tag_rows

TAGGED = {
    'networks': ('network', networks.find),
    'subnets': ('subnet', subnets.find),
    'ports': ('port', ports.find),
    'routers': ('router', routers.find),
    'floatingips': ('floatingip', floatingips.find),
    'security-groups': ('security_group', security_groups.find),
}
"""Collection -> (resource name, finder) of the resources that take tags."""


class TagResourceNotFound(exception.NotFound):
    msg_fmt = 'Resource %(resource)s %(resource_id)s could not be found.'


def _parent(sess, ctx, collection, resource_id, changing):
    resource, find = TAGGED[collection]
    try:
        row = find(sess, ctx, resource_id)
    except exception.NotFound:
        raise TagResourceNotFound(resource=resource, resource_id=resource_id) from None
    if changing:
        policy.authorize(ctx, 'update_%s' % resource, {'project_id': row.project_id})
    return row


def _changed(sess, row):
    row.revision_number += 1
    sess.flush()
    return tag_rows.of(sess, [row.id])[row.id]


def get_tags(ctx, collection, resource_id):
    with engine.transaction() as sess:
        row = _parent(sess, ctx, collection, resource_id, changing=False)
        return tag_rows.of(sess, [row.id])[row.id]


def check_tag(ctx, collection, resource_id, tag):
    """:raises tags.TagNotFound: the resource does not have ``tag``"""
    tag_rows.check_one(tag)
    if tag not in get_tags(ctx, collection, resource_id):
        raise tag_rows.TagNotFound(tag=tag)


def set_tags(ctx, collection, resource_id, values):
    """Replace all the tags of a resource; returns them."""
    values = tag_rows.checked(values)
    with engine.transaction() as sess:
        row = _parent(sess, ctx, collection, resource_id, changing=True)
        tag_rows.replace(sess, row.id, values)
        return _changed(sess, row)


def add_tag(ctx, collection, resource_id, tag):
    tag_rows.check_one(tag)
    with engine.transaction() as sess:
        row = _parent(sess, ctx, collection, resource_id, changing=True)
        tag_rows.add(sess, row.id, tag)
        _changed(sess, row)


def remove_tags(ctx, collection, resource_id):
    with engine.transaction() as sess:
        row = _parent(sess, ctx, collection, resource_id, changing=True)
        tag_rows.drop(sess, row.id)
        _changed(sess, row)


def remove_tag(ctx, collection, resource_id, tag):
    """:raises tags.TagNotFound: the resource does not have ``tag``"""
    tag_rows.check_one(tag)
    with engine.transaction() as sess:
        row = _parent(sess, ctx, collection, resource_id, changing=True)
        tag_rows.remove(sess, row.id, tag, collection)
        _changed(sess, row)
