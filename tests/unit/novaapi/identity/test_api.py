"""The public interface other services use: batch look-ups in the caller's session."""

from novaapi.db import engine
from novaapi.identity import api


def test_existing_project_ids(ids):
    with engine.transaction() as sess:
        found = api.existing_project_ids(sess, [ids['demo_project_id'], 'nope'])
        assert found == {ids['demo_project_id']}
        assert api.existing_project_ids(sess, []) == set()


def test_project_ids_by_name(ids):
    with engine.transaction() as sess:
        assert api.project_ids_by_name(sess, ['admin', 'nope']) == {
            'admin': ids['admin_project_id']}
        assert api.project_ids_by_name(sess, ['admin'], domain_id='other') == {}
