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


def _tag(tag):
    return schemas.validate(schemas.TAG, tag)


def list_project_tags(call, project_id):
    policy.enforce(call.token, 'identity:list_project_tags', {'project_id': project_id})
    return wsgi.json_response(views.tags(call, projects.list_tags(project_id)))


def update_project_tags(call, project_id):
    policy.enforce(call.token, 'identity:update_project_tags', {'project_id': project_id})
    tags = schemas.validate(schemas.tags_update, call.body()).get('tags', [])
    schemas.validate(schemas.TAGS, tags)
    return wsgi.json_response(views.tags(call, projects.replace_tags(project_id, tags)))


def delete_project_tags(call, project_id):
    policy.enforce(call.token, 'identity:delete_project_tags', {'project_id': project_id})
    projects.replace_tags(project_id, [])
    return wsgi.no_content()


def check_project_tag(call, project_id, value):
    policy.enforce(call.token, 'identity:get_project_tag', {'project_id': project_id})
    projects.check_tag(project_id, value)
    return wsgi.no_content()


def add_project_tag(call, project_id, value):
    policy.enforce(call.token, 'identity:create_project_tag', {'project_id': project_id})
    projects.add_tag(project_id, _tag(value), functools.partial(schemas.validate, schemas.TAGS))
    resp = wsgi.no_content()
    resp.status = 201
    resp.content_type = 'text/html'  # Flask's empty response, as Keystone makes it
    # NOTE: Keystone's Location leaves "projects/" out.
    resp.headers['Location'] = call.url(project_id, 'tags', value)
    return resp


def delete_project_tag(call, project_id, value):
    policy.enforce(call.token, 'identity:delete_project_tag', {'project_id': project_id})
    projects.delete_tag(project_id, value)
    return wsgi.no_content()
