"""The version-list command."""

from novaclient import api_versions
from novaclient import utils


def do_version_list(cs, args):
    """List the API versions of the client and of the server."""
    result = cs.versions.list()
    columns = ['Id', 'Status', 'Updated']
    if result and hasattr(result[0], 'min_version'):
        columns += ['Min Version', 'Version']
    print('Client supported API versions:')
    print('Minimum version %s' % api_versions.API_MIN_VERSION.get_string())
    print('Maximum version %s' % api_versions.API_MAX_VERSION.get_string())
    print('\nServer supported API versions:')
    utils.print_list(result, columns)
