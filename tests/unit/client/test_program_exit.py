"""``nova`` run as a program: output flushed and exit status kept despite the fast exit."""

import subprocess
import sys

PROGRAM = ('import sys; sys.argv = ["nova"] + %r; '
           'from novaclient import shell; shell.main(); print("not reached")')


def run_program(argv, env=None):
    return subprocess.run([sys.executable, '-c', PROGRAM % (argv,)], capture_output=True,
                          text=True, env=env, timeout=60)


def test_version_is_flushed_and_exits_0():
    import novaclient
    proc = run_program(['--version'])
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, novaclient.__version__ + '\n', '')


def test_help_output_is_complete():
    proc = run_program(['help'])
    assert proc.returncode == 0
    assert proc.stdout.endswith('See "nova help COMMAND" for help on a specific command.\n')


def test_error_status_and_line_survive():
    proc = run_program(['help', 'nosuch'])
    assert proc.returncode == 1 and proc.stdout == ''
    assert proc.stderr == "ERROR (CommandError): 'nosuch' is not a valid subcommand\n"


def test_usage_error_exits_2():
    proc = run_program(['--os-compute-api-version'])
    assert proc.returncode == 2
    assert proc.stderr.endswith("error: argument --os-compute-api-version: expected one argument\n"
                                "Try 'nova help ' for more information.\n")


def test_in_process_main_returns_and_keeps_the_collector(capsys):
    import gc
    from novaclient import shell
    assert shell.main(['--version']) == 0
    assert gc.isenabled()
    assert capsys.readouterr().out.strip()


def test_program_mode_skips_netaddr(monkeypatch):
    import gc
    from novaclient import shell
    monkeypatch.setattr(sys, 'argv', ['nova', '--version'])
    monkeypatch.setattr(shell, '_run', lambda argv: 0)
    exits = []
    monkeypatch.setattr(shell, '_flush_and_exit', exits.append)
    saved = sys.modules.pop('netaddr', None)
    try:
        shell.main()
        assert exits == [0] and sys.modules['netaddr'] is None
    finally:
        gc.enable()
        sys.modules.pop('netaddr', None)
        if saved is not None:
            sys.modules['netaddr'] = saved
