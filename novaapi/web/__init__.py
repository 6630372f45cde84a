"""The WSGI kit every endpoint stands on: request parsing, routing, validation and faults.

Each endpoint (compute, identity, image, network) keeps a thin adapter of its
own (``novaapi/<service>/wsgi.py``) that passes the kit its routes, its error
renderer and the way a handler is called (the DB transaction lives there).
The paste filters in :mod:`novaapi.web.middleware` wrap every endpoint in
``etc/api-paste.ini``.  The kit imports no service package and no database
module: it sits below them.

* :mod:`~novaapi.web.errors` - HTTP failures the kit and the services raise;
* :mod:`~novaapi.web.faults` - the error bodies of the four wire formats;
* :mod:`~novaapi.web.request` - URL encoding, chunked bodies, size limit, JSON;
* :mod:`~novaapi.web.routing` - a Routes mapper answering 404 and 405;
* :mod:`~novaapi.web.app` - the dispatching WSGI application;
* :mod:`~novaapi.web.validation` - jsonschema validators picked per version window;
* :mod:`~novaapi.web.responses` - JSON responses;
* :mod:`~novaapi.web.urlmap` - prefix mounts and the auth-strategy pipeline.
"""
