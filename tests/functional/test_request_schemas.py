"""Differential test of request validation: Nova 34's own request schemas against ours.

Nova 34 (installed in a throwaway venv by ``tools/real-venv.sh nova``) reports every compute
route, its microversion window and its body and query-string schemas
(``tools/nova_request_schemas.py export``).  For every route at every microversion boundary,
hypothesis-jsonschema generates bodies and query strings from Nova's schema, and a seeded
mutator bends them (a key dropped or added, a value of another type); Nova's own validator
gives the verdict on each (``... verdict``).  Our API must then accept what Nova accepts and
refuse with a 400 what Nova refuses, and serve the route in the same microversion window.

Our side runs in this process, up to the controller and not into it: the route table, the
Resource's body decoding, method choice, version window and validators
(``api.wsgi.Resource.prepare``), so nothing is created and each verdict costs microseconds.
"""

import json
import os
import random
import re
import subprocess
import urllib.parse

import pytest

from novaapi.api import api_version
from novaapi.api import routes
from novaapi.api import wsgi
from tests.functional import jsonschema_strategies

pytestmark = pytest.mark.functional

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROBE = os.path.join(ROOT, 'tools', 'nova_request_schemas.py')
EXAMPLES = 6          # generated from each schema
MUTANTS = 6           # bent copies of those, per route and version
SERVER_ID = '4ab2c9e1-2f3c-4e5a-9b6d-7c8d9e0f1a2b'

# Routes of Nova that other work owns and that this tree does not serve yet, with the reason.
NOT_SERVED = {}

# Server actions of Nova that this tree does not serve, with the reason.
NOT_SERVED_ACTIONS = {}

# Routes whose validation still differs from Nova's in some corner, with what differs.
# A route listed here is still compared; its differences are reported, not failed.
KNOWN_DIFFERENCES = {}

ODD_VALUES = [None, True, 0, -1, 1.5, '', 'x' * 300, [], {}, 'abc', '2020-13-45T99:00:00Z',
              99999999999999999999999, {'a': 1}, ['a'], ' ']
ODD_QUERY = [['x'], ['-1'], ['0'], [''], ['a', 'b'], ['99999999999999999999999'], ['True'],
             ['2020-01-01T00:00:00Z'], ['1.5'], ['%s' % SERVER_ID]]


def _run_probe(nova_venv, mode, payload=None):
    proc = subprocess.run([os.path.join(nova_venv, 'bin', 'python'), PROBE, mode],
                          input=json.dumps(payload) if payload is not None else '',
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


def _v(text):
    return api_version.APIVersion(text)


def _pick(windows, version):
    for schema, low, high in windows:
        if (low is None or version >= _v(low)) and (high is None or version <= _v(high)):
            return schema
    return None


def _boundaries(entry):
    """Versions where something about the entry changes, and their neighbours, within 2.1-max."""
    marks = {'2.1', api_version.MAX_VERSION}
    for text in [entry['min'], entry['max']] + [w for s in entry['body'] + entry['query']
                                               for w in s[1:]]:
        if text and text != '2.0':
            major, minor = (int(p) for p in text.split('.'))
            marks.update('%d.%d' % (major, m) for m in (minor - 1, minor, minor + 1) if m >= 1)
    low, high = _v('2.1'), _v(api_version.MAX_VERSION)
    return sorted({m for m in marks if low <= _v(m) <= high}, key=_v)


def _draw(schema, count):
    """Up to ``count`` instances of ``schema`` (fewer when hypothesis cannot build it)."""
    try:
        strategy = jsonschema_strategies.from_schema(schema)
    except Exception:  # noqa: BLE001 - schemas hypothesis cannot read still get mutants
        return []
    return jsonschema_strategies.draw(strategy, count)


def _mutate(value, rng, query=False):
    """A bent copy of ``value``: somewhere inside, a key goes, a key comes or a value changes."""
    if isinstance(value, dict) and value and rng.random() < 0.6:
        key = rng.choice(sorted(value, key=str))
        copy = dict(value)
        roll = rng.random()
        if roll < 0.25:
            del copy[key]
        elif roll < 0.4:
            copy['zz_unknown'] = ['1'] if query else 1
        else:
            copy[key] = _mutate(value[key], rng, query)
        return copy
    if isinstance(value, dict) and rng.random() < 0.5:
        copy = dict(value)
        copy['zz_unknown'] = ['1'] if query else 1
        return copy
    if isinstance(value, list) and value and not query and rng.random() < 0.5:
        index = rng.randrange(len(value))
        return value[:index] + [_mutate(value[index], rng)] + value[index + 1:]
    return rng.choice(ODD_QUERY if query else ODD_VALUES)


def _as_query(value):
    """A generated query object as the lists of strings a query string can carry."""
    if not isinstance(value, dict):
        return None
    result = {}
    for key, items in value.items():
        if not isinstance(key, str) or not key or '\x00' in key or any(
                0xd800 <= ord(c) <= 0xdfff for c in key):
            return None
        items = items if isinstance(items, list) else [items]
        texts = []
        for item in items:
            text = item if isinstance(item, str) else json.dumps(item)
            if '\x00' in text or text != text.strip('\r\n') or any(0xd800 <= ord(c) <= 0xdfff
                                                                     for c in text):
                return None
            texts.append(text)
        if not texts:
            return None
        result[key] = texts
    return result


def _path(template):
    return re.sub(r'\{[a-z_]+\}', SERVER_ID, template)


def _ours(router, entry, version, body=None, query=None):
    """('absent' | 'window' | 'accept' | 'reject', detail) for our API."""
    url = _path(entry['path'])
    if query:
        url += '?' + urllib.parse.urlencode(query, doseq=True)
    req = wsgi.Request.blank(url, method=entry['method'], headers={
        'OpenStack-API-Version': 'compute %s' % version, 'Content-Type': 'application/json'})
    if entry['method'] in ('POST', 'PUT'):
        req.body = json.dumps(body).encode()
    match = router.mapper.match(environ=req.environ)
    if match is None:
        return 'absent', None
    resource = match.pop('controller')
    req.environ['wsgiorg.routing_args'] = ((), match)
    req.api_version = api_version.from_headers(req.headers)
    try:
        resource.prepare(req)
    except wsgi.Fault as fault:
        if fault.code == 404:
            return 'window', fault
        if fault.code == 410:
            return 'accept', fault
        if fault.code == 400:
            return 'reject', str(fault)
        return 'other %d' % fault.code, str(fault)
    return 'accept', None


def _served(entry, version):
    low, high = entry['min'], entry['max']
    return (low is None or version >= _v(low)) and (high is None or version <= _v(high))


def _owned_elsewhere(path):
    return next((reason for prefix, reason in NOT_SERVED.items() if path.startswith(prefix)), None)


@pytest.fixture(scope='module')
def nova_routes(nova_venv):
    return _run_probe(nova_venv, 'export')


def _cases(entries):
    """``(entry, version, kind, target)`` for every route, boundary and generated target."""
    rng = random.Random(8)
    drawn = {}
    cases = []
    for entry in entries:
        for version in _boundaries(entry):
            if not _served(entry, version):
                cases.append((entry, version, 'window', None))
                continue
            if entry['method'] in ('POST', 'PUT'):
                kind, windows = 'body', entry['body']
            else:
                kind, windows = 'query', entry['query']
            schema = _pick(windows, _v(version))
            if schema is None:
                schema = ({'type': 'object', 'properties': {entry['key']: {}},
                           'required': [entry['key']], 'additionalProperties': False}
                          if entry['key'] else {})
                if kind == 'query':
                    schema = {'type': 'object'}
            text = json.dumps(schema, sort_keys=True)
            if text not in drawn:
                drawn[text] = _draw(schema, EXAMPLES)
                if not drawn[text]:
                    print('no examples from', entry['method'], entry['path'], entry['key'], version)
            targets = list(drawn[text])
            base = targets or ([{entry['key']: {}}] if entry['key'] else [{}])
            targets += [_mutate(rng.choice(base), rng, query=(kind == 'query'))
                        for _ in range(MUTANTS)]
            for target in targets:
                if kind == 'query':
                    target = _as_query(target)
                    if target is None:
                        continue
                elif entry['key'] and (not isinstance(target, dict) or list(target) != [entry['key']]):
                    # The action's own key picks the method: bend only what is inside it.
                    continue
                cases.append((entry, version, kind, target, schema))
    return cases


def test_our_validation_matches_novas_own_schemas(nova_venv, nova_routes):
    router = routes.build_router()
    entries = [e for e in nova_routes
               if not _owned_elsewhere(e['path']) and e['key'] not in NOT_SERVED_ACTIONS]
    cases = _cases(entries)
    checks = [c for c in cases if c[2] != 'window']
    verdicts = _run_probe(nova_venv, 'verdict', [
        {'schema': c[4], 'target': c[3], 'body': c[2] == 'body'} for c in checks])
    nova = dict(zip(map(id, checks), verdicts))
    problems = []
    routes_off = set()
    compared = 0
    for case in cases:
        entry, version, kind = case[:3]
        label = '%s %s%s @%s' % (entry['method'], entry['path'],
                                 ' [%s]' % entry['key'] if entry['key'] else '', version)
        if kind == 'window':
            body = {entry['key']: None} if entry['key'] else {}
            state, _ = _ours(router, entry, version, body=body)
            if state not in ('window', 'absent'):
                problems.append('%s: Nova does not serve it at this version, we do (%s)'
                                % (label, state))
            continue
        target = case[3]
        if kind == 'body':
            state, detail = _ours(router, entry, version, body=target)
        else:
            state, detail = _ours(router, entry, version, query=target)
        compared += 1
        want = 'accept' if nova[id(case)] is None else 'reject'
        if state != want:
            routes_off.add(label.rsplit(' @', 1)[0])
            if label.rsplit(' @', 1)[0] in KNOWN_DIFFERENCES:
                continue
            problems.append('%s: %s %s -> Nova %s (%s), ours %s (%s)' % (
                label, kind, json.dumps(target)[:200], want, nova[id(case)], state, detail))
    refused = sum(1 for verdict in verdicts if verdict is not None)
    print('differential: %d routes, %d comparisons (%d Nova refuses), %d problems; '
          'known to differ: %s' % (len(entries), compared, refused, len(problems), sorted(routes_off)))
    assert not problems, '%d differences with Nova:\n%s' % (len(problems), '\n'.join(
        sorted(set(problems))[:400]))
