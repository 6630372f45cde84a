"""Server group views: ``policies`` + ``metadata`` before 2.64, ``policy`` + ``rules`` from it."""


def basic(req, group, members):
    view = {'id': group.uuid, 'name': group.name}
    if req.is_version('2.64'):
        view.update(policy=group.policy, rules=group.rules)
    else:
        view.update(policies=[group.policy], metadata={})
    view['members'] = list(members)
    if req.is_version('2.13'):
        view.update(project_id=group.project_id, user_id=group.user_id)
    return view


def show(req, group, members):
    return {'server_group': basic(req, group, members)}


def index(req, groups):
    return {'server_groups': [basic(req, group, group.members) for group in groups]}
