"""The root version list of the compute service."""

from . import version_doc


def register(m):
    v21 = version_doc()['version']
    v20 = dict(v21, id='v2.0', status='DEPRECATED', version='',
               min_version='', updated='2025-07-04T12:00:00Z')
    m.get('http://nova', json={'versions': [v20, v21]})
