"""Helpers shared by the command modules: lookups, parsing, local files."""

import argparse

from novaclient import exceptions
from novaclient import utils


def find_server(cs, server, raise_if_notfound=True, **find_args):
    """A server by name or ID; or the bare value if gone and not raising."""
    if raise_if_notfound:
        return utils.find_resource(cs.servers, server, **find_args)
    try:
        return utils.find_resource(cs.servers, server, wrap_exception=False)
    except exceptions.NoUniqueMatch as exc:
        raise exceptions.CommandError(str(exc))
    except exceptions.NotFound:
        return server


def find_flavor(cs, flavor):
    """A flavor by ID, name, or (last resort) RAM size."""
    try:
        return utils.find_resource(cs.flavors, flavor, is_public=None)
    except exceptions.NotFound:
        return cs.flavors.find(ram=flavor)


def find_image(cs, image):
    """An image (from the image service) by name or ID."""
    try:
        return cs.glance.find_image(image)
    except (exceptions.NotFound, exceptions.NoUniqueMatch) as exc:
        raise exceptions.CommandError(str(exc))


def find_images(cs, images):
    try:
        return cs.glance.find_images(images)
    except (exceptions.NotFound, exceptions.NoUniqueMatch) as exc:
        raise exceptions.CommandError(str(exc))


def find_network_id(cs, net_name):
    try:
        return cs.neutron.find_network(net_name).id
    except (exceptions.NotFound, exceptions.NoUniqueMatch) as exc:
        raise exceptions.CommandError(str(exc))


def translate_keys(collection, convert):
    """Copy attribute ``from_key`` to ``to_key`` where the latter is unset."""
    for item in collection:
        keys = item.__dict__.keys()
        info = item.to_dict()
        for from_key, to_key in convert:
            if from_key in keys and to_key not in keys:
                setattr(item, to_key, info[from_key])
                item.set_info(to_key, info[from_key])


def key_value_pairing(text):
    """argparse type: ``key=value`` -> ``(key, value)``."""
    try:
        key, value = text.split('=', 1)
    except ValueError:
        raise argparse.ArgumentTypeError(
            "'%s' is not in the format of 'key=value'" % text)
    return key, value


def meta_parsing(metadata):
    """``['a=1', 'b=2']`` -> ``{'a': '1', 'b': '2'}``."""
    try:
        return dict(item.split('=', 1) for item in metadata)
    except ValueError:
        raise argparse.ArgumentTypeError(
            "'%s' is not in the format of 'key=value'" % metadata)


def check_time(name, value):
    """Reject a ``--changes-since``-like value that isn't ISO 8601.

    :raises CommandError: naming the option and the value
    """
    if not value:
        return
    # deferred: datetime costs ~1.4 ms at start-up; only time filters use it
    import datetime
    try:
        datetime.datetime.fromisoformat(value.replace('Z', '+00:00'))
    except ValueError:
        raise exceptions.CommandError('Invalid %s value: %s' % (name, value))


def read_file(path):
    """The text of a local file named on the command line.

    :raises CommandError: when it cannot be read
    """
    try:
        with open(path) as handle:
            return handle.read()
    except IOError as exc:
        raise exceptions.CommandError("Can't open '%s': %s" % (path, exc))


def read_files(files):
    """``['dst=src', ...]`` -> ``{dst: content of src}`` (personality)."""
    result = {}
    for item in files:
        try:
            dst, src = item.split('=', 1)
        except ValueError:
            raise exceptions.CommandError(
                "Invalid file argument '%s'. File arguments must be of the "
                "form '--file <dst-path=src-path>'" % item)
        result[dst] = read_file(src)
    return result


def extract_metadata(args):
    """Key/value pairs of a ``nargs='+', action='append'`` argument.

    A bare key (for unset) maps to None.
    """
    metadata = {}
    for item in args.metadata[0]:
        key, sep, value = item.partition('=')
        metadata[key] = value if sep else None
    return metadata


def print_list_of_strings(values, column):
    """One-column table of plain strings."""
    utils.print_list(values, [column], formatters={column: lambda o: o})
