"""``/v3/projects``"""

import functools

from novaapi.identity import policy
from novaapi.identity import projects
from novaapi.identity import schemas
from novaapi.identity import views
from novaapi.identity import wsgi


def list_projects(call):
    policy.enforce(call.token, 'identity:list_projects')
    rows = projects.list_projects(dict(call.params), is_domain=call.flag('is_domain'))
    return wsgi.listing(call, 'projects', views.project, rows)


def create_project(call):
    token = policy.enforce(call.token, 'identity:create_project')
    row = projects.create_project(token, schemas.entity_body(call, 'project',
                                                             schemas.project_create))
    return wsgi.show(call, 'project', views.project, row, status=201)


def get_project(call, project_id):
    policy.enforce(call.token, 'identity:get_project', {'project_id': project_id})
    return wsgi.show(call, 'project', views.project, projects.get_project(project_id))


def update_project(call, project_id):
    policy.enforce(call.token, 'identity:update_project')
    row = projects.update_project(project_id, functools.partial(
        schemas.entity_body, call, 'project', schemas.project_update))
    return wsgi.show(call, 'project', views.project, row)


def delete_project(call, project_id):
    policy.enforce(call.token, 'identity:delete_project')
    projects.delete_project(project_id)
    return wsgi.no_content()
