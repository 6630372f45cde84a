"""Identity views: a token's catalog fills the project into endpoint URL templates."""

from novaapi.identity import views


def test_endpoint_url_fills_the_project_as_keystone_does():
    for template in ('http://h:8776/v3/$(project_id)s', 'http://h:8776/v3/%(project_id)s',
                     'http://h:8776/v3/$(tenant_id)s'):
        assert views.endpoint_url(template, 'p1') == 'http://h:8776/v3/p1'
    assert views.endpoint_url('http://h:8774/v2.1', 'p1') == 'http://h:8774/v2.1'
