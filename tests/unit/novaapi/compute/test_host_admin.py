"""The audit period the instance usage audit log reports."""

import datetime


def test_audit_period_wraps_the_year():
    from novaapi.compute import host_admin
    assert host_admin.audit_period(datetime.datetime(2026, 1, 15)) == (
        datetime.datetime(2025, 12, 1), datetime.datetime(2026, 1, 1))
    assert host_admin.audit_period(datetime.datetime(2026, 3, 1)) == (
        datetime.datetime(2026, 1, 1), datetime.datetime(2026, 2, 1))
