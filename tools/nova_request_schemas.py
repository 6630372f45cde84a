"""Read Nova's own request rules: every compute route's body and query-string schemas, and
Nova's verdict on given bodies and query strings.

Runs with the interpreter of the venv made by ``tools/real-venv.sh nova`` (never the
project's).  Nothing here is copied from Nova: it imports the installed Nova and reports
what it finds.

    python tools/nova_request_schemas.py export   -> JSON list of route entries
    python tools/nova_request_schemas.py verdict  < [{"schema": .., "target": .., "body": bool}]
                                                  -> JSON list of null (accepted) or the message
"""

import json
import logging
import sys
import warnings


def _windows(container):
    """``[[schema, min, max]]`` of a Schemas container (None for an open end)."""
    result = []
    for schema, low, high in getattr(container, '_schemas', []):
        result.append([schema, None if low.is_null() else low.get_string(),
                       None if high.is_null() else high.get_string()])
    return result


def _entry(path, method, func, key=None):
    return {
        'path': path, 'method': method, 'name': func.__name__, 'key': key,
        'min': getattr(func, 'min_version', None), 'max': getattr(func, 'max_version', None),
        'removed': bool(getattr(func, 'removed', False)),
        'body': _windows(getattr(func, 'request_body_schemas', None)),
        'query': _windows(getattr(func, 'request_query_schemas', None)),
    }


def export():
    from nova.api.openstack.compute import routes

    entries = []
    for path, methods in routes.ROUTE_LIST:
        if isinstance(methods, str):
            continue
        for method, (factory, name) in methods.items():
            main, subs = factory.args
            if name != 'action':
                entries.append(_entry(path, method, getattr(main, name)))
                continue
            for cls in [main] + list(subs):
                for key, attr in getattr(cls, 'wsgi_actions', {}).items():
                    entries.append(_entry(path, method, getattr(cls, attr), key))
    return entries


def verdict(cases):
    from nova.api.validation import validators
    from nova import exception

    results = []
    for case in cases:
        validator = validators._SchemaValidator(case['schema'], False, case['body'])
        try:
            validator.validate(case['target'])
        except exception.ValidationError as exc:
            results.append(str(exc.kwargs.get('detail') or exc))
        else:
            results.append(None)
    return results


def main():
    warnings.simplefilter('ignore')
    logging.disable(logging.CRITICAL)
    mode = sys.argv[1]
    if mode == 'export':
        json.dump(export(), sys.stdout)
    else:
        json.dump(verdict(json.load(sys.stdin)), sys.stdout)


if __name__ == '__main__':
    main()
