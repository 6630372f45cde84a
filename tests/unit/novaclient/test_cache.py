"""The token cache file: where it lives, its modes, its key, expiry and concurrent writers."""

import datetime
import json
import multiprocessing
import os

import pytest

from novaclient import cache


class FakePlugin:
    def __init__(self, state=None):
        self.state = state

    def get_auth_state(self):
        return self.state

    def set_auth_state(self, state):
        self.state = state


def _state(token='tok', seconds=3600):
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)
    return json.dumps({'auth_token': token, 'body': {'token': {
        'expires_at': expires.strftime('%Y-%m-%dT%H:%M:%S.000000Z'), 'catalog': []}}})


IDENTITY = {'auth_url': 'http://ks/v3', 'auth_type': 'password', 'username': 'demo',
            'password': 's3cret', 'project_name': 'demo', 'region_name': 'RegionOne'}


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path))
    return tmp_path / 'novaclient'


def test_saved_state_is_installed_next_time(cache_home):
    first = cache.TokenCache(IDENTITY)
    assert not first.install(FakePlugin())
    first.remember_versions('compute', '2.1', '2.104')
    first.save(FakePlugin(_state()))
    assert oct(cache_home.stat().st_mode & 0o777) == '0o700'
    (path,) = cache_home.iterdir()
    assert oct(path.stat().st_mode & 0o777) == '0o600'
    plugin = FakePlugin()
    second = cache.TokenCache(IDENTITY)
    assert second.install(plugin) and json.loads(plugin.state)['auth_token'] == 'tok'
    assert second.versions('compute') == ('2.1', '2.104')
    assert second.versions('other') is None


def test_key_leaves_the_password_out_and_separates_identities():
    assert cache.key_of(IDENTITY) == cache.key_of(dict(IDENTITY, password='other'))
    for field, value in (('username', 'admin'), ('project_name', 'admin'),
                         ('region_name', 'Two'), ('auth_url', 'http://ks2/v3')):
        assert cache.key_of(IDENTITY) != cache.key_of(dict(IDENTITY, **{field: value}))
    assert 's3cret' not in cache.key_of(IDENTITY)


def test_a_token_near_its_expiry_is_not_used():
    cache.TokenCache(IDENTITY).save(FakePlugin(_state(seconds=60)))
    assert not cache.TokenCache(IDENTITY).install(FakePlugin())
    cache.TokenCache(IDENTITY).save(FakePlugin(_state(seconds=600)))
    assert cache.TokenCache(IDENTITY).install(FakePlugin())


def test_a_damaged_file_is_ignored(cache_home):
    cache.TokenCache(IDENTITY).save(FakePlugin(_state()))
    (path,) = cache_home.iterdir()
    path.write_text('{"auth_state": "not json')
    assert not cache.TokenCache(IDENTITY).install(FakePlugin())


def test_unchanged_state_is_not_rewritten(cache_home):
    cache.TokenCache(IDENTITY).save(FakePlugin(_state()))
    (path,) = cache_home.iterdir()
    before = path.stat().st_mtime_ns
    again = cache.TokenCache(IDENTITY)
    plugin = FakePlugin()
    again.install(plugin)
    os.utime(path, ns=(1, 1))
    again.save(plugin)
    assert path.stat().st_mtime_ns == 1 != before


def test_drop_removes_the_file(cache_home):
    token_cache = cache.TokenCache(IDENTITY)
    token_cache.save(FakePlugin(_state()))
    token_cache.drop()
    assert list(cache_home.iterdir()) == []


def _writer(home, index, rounds):
    os.environ['XDG_CACHE_HOME'] = home
    for round_ in range(rounds):
        token_cache = cache.TokenCache(IDENTITY)
        token_cache.install(FakePlugin())
        token_cache.save(FakePlugin(_state('tok-%d-%d' % (index, round_))))


def test_concurrent_processes_leave_one_whole_file(tmp_path, cache_home):
    ctx = multiprocessing.get_context('fork')
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), i, 30)) for i in range(4)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
    assert [proc.exitcode for proc in procs] == [0] * 4
    files = list(cache_home.iterdir())
    assert len(files) == 1
    plugin = FakePlugin()
    assert cache.TokenCache(IDENTITY).install(plugin)
    assert json.loads(plugin.state)['auth_token'].startswith('tok-')
