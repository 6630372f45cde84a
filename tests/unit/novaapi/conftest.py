"""Fixtures shared by the tests of novaapi's compute API and its domain modules."""

import pytest

from novaapi.compute import quotas


@pytest.fixture
def fake_instances(monkeypatch):
    """Counters for instances, cores and ram reading a dict: ``usage[project_or_user] = n``."""
    counts = {}

    def counter(resource, per_instance):
        def count(sess, project_id, user_id):
            return counts.get(user_id or project_id, 0) * per_instance
        return count
    for resource, per in (('instances', 1), ('cores', 2), ('ram', 512)):
        monkeypatch.setitem(quotas.COUNTERS, resource, counter(resource, per))
    return counts
