"""The embedded identity service: a Keystone v3-compatible subset.

``models`` holds the tables, ``passwords`` the hashing, ``tokens`` issue and
validation (``tokens.validate`` is what the compute auth middleware calls),
``bootstrap`` the first-run data and ``app`` the PasteDeploy factories.
"""
