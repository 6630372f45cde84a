"""``nova-manage``: database maintenance (``db sync``, ``db version``)."""

import argparse
import sys

from novaapi.cmd import api as api_cmd
from novaapi.db import migration
from novaapi import service


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog='nova-manage', description=__doc__.splitlines()[0])
    parser.add_argument('category', choices=['db'], help='Command category.')
    parser.add_argument('action', choices=['sync', 'version'], help='What to do.')
    ns, rest = parser.parse_known_args(argv)
    api_cmd.load_config(rest, prog='nova-manage')
    if ns.action == 'sync':
        service.ensure_data_dir()
        migration.upgrade()
        service.seed()
        print('database at revision %s' % ', '.join(migration.current()))
    else:
        print(', '.join(migration.current()) or 'None')
    return 0


if __name__ == '__main__':
    sys.exit(main())
