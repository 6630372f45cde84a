"""The identity API's HTTP layer: a module per URL collection of ``handler(call, **url_vars)``.

A handler parses the request, checks the caller against :mod:`novaapi.identity.policy`
when no row is needed for it, calls one domain function (one unit of work)
and renders the result with :mod:`novaapi.identity.views` after commit.
"""
