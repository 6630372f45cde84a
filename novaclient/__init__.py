"""A compact client for the OpenStack Compute (Nova) API: library and ``nova`` CLI."""

from novaclient import api_versions as _api_versions

__version__ = '0.1.0'

# The supported microversion range, where python-novaclient's users read it.
API_MIN_VERSION = _api_versions.API_MIN_VERSION
API_MAX_VERSION = _api_versions.API_MAX_VERSION
