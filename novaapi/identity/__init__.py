"""The embedded identity service: a Keystone v3-compatible subset.

``routes`` is the one table of the v3 API, ``policy`` the one table of its
access rules; ``controllers/`` answer HTTP over the domain modules
(``authentication``, ``domains``, ``projects``, ``users``, ``roles``,
``assignments``, ``catalog``), each request one transaction of theirs
(``store.transaction``).  ``tokens`` issues and validates tokens
(``tokens.validate`` is what every service's auth filter calls), ``api`` is
what other services may ask, ``bootstrap`` the first-run data and ``app`` the
PasteDeploy factories.
"""
