"""Background loops under a host that forks its own workers: once per process, never twice."""

import os

from novaapi import service


def test_background_loops_start_once_per_process(monkeypatch):
    monkeypatch.setattr(service, '_background_pid', [])
    resets = []
    monkeypatch.setattr(service.engine, 'reset', lambda: resets.append(1))
    started = []
    assert service.start_background_once(started.append) is True
    assert started == service.background_tasks() and resets == []
    assert service.start_background_once(started.append) is False
    assert len(started) == len(service.BACKGROUND)
    # A worker forked from this process (another pid) starts its own, on a fresh engine.
    monkeypatch.setattr(service, '_background_pid', [os.getpid() + 100000])
    assert service.start_background_once(started.append) is True
    assert len(started) == 2 * len(service.BACKGROUND) and resets == [1]
