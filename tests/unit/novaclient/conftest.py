"""Fixtures for client tests: a fake cloud and a ``nova`` command runner."""

import json
import os
import shlex
import sys

import pytest

from tests.unit.novaclient import fixture_data

_ENV = {'OS_AUTH_URL': fixture_data.AUTH_URL, 'OS_USERNAME': 'demo',
        'OS_PASSWORD': 's3cret', 'OS_PROJECT_NAME': 'demo'}


class Result:
    """What one ``nova`` run printed and returned."""

    def __init__(self, code, out, err):
        self.code = code
        self.out = out
        self.err = err

    def __repr__(self):
        return '<Result %s out=%r err=%r>' % (self.code, self.out, self.err)


class NovaRunner:
    """Runs ``nova`` command lines in-process against requests_mock."""

    def __init__(self, mocker, capsys, monkeypatch):
        self.m = mocker
        self.capsys = capsys
        self.monkeypatch = monkeypatch

    def run_result(self, cmdline):
        from novaclient import shell
        self.capsys.readouterr()
        code = shell.main(shlex.split(cmdline))
        out, err = self.capsys.readouterr()
        return Result(code, out, err)

    def __call__(self, cmdline, exit_code=0):
        """Run and return stdout, asserting the exit status."""
        result = self.run_result(cmdline)
        assert result.code == exit_code, result
        return result.out

    def env(self, **values):
        for key, value in values.items():
            if value is None:
                self.monkeypatch.delenv(key, raising=False)
            else:
                self.monkeypatch.setenv(key, value)

    def compute_calls(self):
        """``(method, path_qs, body)`` of every request to the compute API."""
        calls = []
        for req in self.m.request_history:
            full = req.url
            if not full.startswith(fixture_data.COMPUTE_URL):
                continue
            path = full[len(fixture_data.COMPUTE_URL):]
            body = json.loads(req.text) if req.text else None
            calls.append((req.method, path, body))
        return calls

    def assert_called(self, method, path, body=None, pos=-1):
        """Check one compute request (the last by default)."""
        calls = self.compute_calls()
        assert calls, 'no compute request was made'
        got = calls[pos]
        assert (got[0], got[1]) == (method, path), calls
        if body is not None:
            assert got[2] == body, got[2]

    def assert_called_anytime(self, method, path, body=None):
        for got in self.compute_calls():
            if (got[0], got[1]) == (method, path) and (
                    body is None or got[2] == body):
                return
        raise AssertionError('%s %s not in %s' % (method, path,
                                                  self.compute_calls()))

    def last_headers(self):
        return self.m.request_history[-1].headers


@pytest.fixture
def nova(requests_mock, capsys, monkeypatch):
    for key in list(os.environ):
        if key.startswith(('OS_', 'NOVA_', 'NOVACLIENT_')):
            monkeypatch.delenv(key)
    for key, value in _ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv('COLUMNS', '80')
    fixture_data.register_all(requests_mock)
    yield NovaRunner(requests_mock, capsys, monkeypatch)
    # NOTE: --debug installs root handlers; don't leak them across tests.
    import logging
    logging.getLogger().handlers[:] = []
    logging.getLogger().setLevel(logging.WARNING)


@pytest.fixture
def fresh_modules():
    """Drop novaclient modules so import-cost tests see a cold start."""
    saved = {k: v for k, v in sys.modules.items()
             if k.startswith(('novaclient', 'keystoneauth1', 'requests'))}
    yield
    sys.modules.update(saved)
