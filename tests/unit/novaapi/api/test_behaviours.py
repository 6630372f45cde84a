"""POST /_sim/behaviours under arbitrary bodies: 201 or Nova's 400, never a 500, nothing half-written."""

import json

from hypothesis import HealthCheck, given, settings, strategies as st

from novaapi.compute import behaviour_rules as rules

_values = st.one_of(st.none(), st.booleans(), st.integers(-5, 700), st.floats(-1, 5000),
                    st.text(max_size=12), st.sampled_from(['/servers*', 'GET', 'compute1', 'stop']))
_keys = st.sampled_from(['project_id', 'name', 'flavor', 'image', 'host', 'action', 'method',
                         'path', 'status', 'message', 'delay', 'count', 'colour'])
_bodies = st.fixed_dictionaries({'kind': st.sampled_from(rules.KINDS + ('explode',))},
                                optional={}).flatmap(
    lambda base: st.dictionaries(_keys, _values, max_size=5).map(lambda extra: dict(base, **extra)))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_bodies)
def test_any_body_is_armed_or_refused_cleanly(servers, body):
    resp = servers.call('POST', '/_sim/behaviours', {'behaviour': body}, admin=True)
    listed = servers.call('GET', '/_sim/behaviours', admin=True).json_body_or_none['behaviours']
    if resp.status_int == 201:
        assert resp.json_body_or_none['behaviour']['kind'] == body['kind']
        assert len(listed) == 1
    else:
        assert resp.status_int == 400, resp.body
        assert set(json.loads(resp.body)) == {'badRequest'} and listed == []
    assert servers.call('DELETE', '/_sim/behaviours', admin=True).status_int == 204
