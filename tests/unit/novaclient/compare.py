"""Dev tool: run one ``nova`` command line against the fixture cloud.

    python tests/unit/novaclient/compare.py 'flavor-list'

Run it with /tmp/venv/bin/python (this client) or with a venv holding
python-novaclient and requests-mock, then diff the two outputs. Prints
stdout, then ``--- stderr ---``, then the exit status.
"""

import contextlib
import io
import os
import shlex
import sys

# NOTE: fixture_data is found beside this file, not through the checkout's
# root, so the novaclient imported is the running venv's own.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def run(cmdline):
    import requests_mock
    import fixture_data
    from novaclient import shell
    for key in list(os.environ):
        if key.startswith(('OS_', 'NOVA_')):
            del os.environ[key]
    os.environ.update({'OS_AUTH_URL': fixture_data.AUTH_URL,
                       'OS_USERNAME': 'demo', 'OS_PASSWORD': 's3cret',
                       'OS_PROJECT_NAME': 'demo', 'COLUMNS': '80'})
    out, err = io.StringIO(), io.StringIO()
    with requests_mock.Mocker() as m:
        fixture_data.register_all(m)
        # NOTE: the generic identity plugin first GETs the auth URL.
        m.get(fixture_data.AUTH_URL, json={'version': {
            'id': 'v3.14', 'status': 'stable', 'links': [
                {'rel': 'self', 'href': fixture_data.AUTH_URL + '/'}]}})
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = shell.main(shlex.split(cmdline))
            except SystemExit as exc:
                code = exc.code
    lines = [line for line in err.getvalue().splitlines(True)
             if 'nova CLI is deprecated' not in line]
    sys.stdout.write(out.getvalue())
    sys.stdout.write('--- stderr ---\n' + ''.join(lines))
    sys.stdout.write('--- exit %s ---\n' % (code or 0))


if __name__ == '__main__':
    run(sys.argv[1])
