"""The microversion range, where python-novaclient's users read it."""

import novaclient
from novaclient import api_versions


def test_package_exposes_the_supported_range():
    assert novaclient.API_MIN_VERSION == api_versions.APIVersion('2.1')
    assert novaclient.API_MAX_VERSION == api_versions.APIVersion('2.104')
    assert novaclient.API_MAX_VERSION is api_versions.API_MAX_VERSION
