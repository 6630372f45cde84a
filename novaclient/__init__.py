"""A compact client for the OpenStack Compute (Nova) API: library and ``nova`` CLI."""

from novaclient import api_versions

__version__ = '0.1.0'

#: Oldest microversion this client can talk.
API_MIN_VERSION = api_versions.APIVersion('2.1')
#: Newest microversion this client knows (Nova 34.0.0, 2026.2).
API_MAX_VERSION = api_versions.APIVersion('2.104')
