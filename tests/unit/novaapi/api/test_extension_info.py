"""The extensions list and one extension, as Nova's samples."""

from tests.conftest import sample


def test_extensions(op):
    listed = op.ok('GET', '/extensions')['extensions']
    assert listed == sample('extension-info/extensions-list-resp.json')['extensions']
    got = op.call('GET', '/extensions/os-agents', demo=True)
    assert got.status_int == 200 and got.data == sample('extension-info/extensions-get-resp.json')
    assert op.call('GET', '/extensions/nope').status_int == 404
