"""``/v3/{project_id}/types``: list, show (``default`` too), admin create, update, delete,
extra specs."""

from novaapi.volume import types
from novaapi.volume import views
from novaapi.volume.controllers import common


def _view(call, row):
    return views.volume_type(row, call.ctx.is_admin)


def index(call):
    rows = common.run(types.list_types, call.ctx)
    return common.ok({'volume_types': [_view(call, r) for r in rows]})


def show(call, type_id):
    return common.ok({'volume_type': _view(call, common.run(types.get_type, call.ctx, type_id))})


def create(call):
    item = common.body(call, 'volume_type')
    common.known(item, 'volume_type', ('name', 'description', 'os-volume-type-access:is_public',
                                       'extra_specs'))
    name = common.string(item, 'name', nullable=False)
    if not name.strip():
        raise common.invalid('name', name, "'%s' does not match '^(?!\\s*$).+'" % name)
    specs = item.get('extra_specs') or {}
    if not isinstance(specs, dict) or not all(isinstance(v, str) for v in specs.values()):
        raise common.invalid('extra_specs', specs, 'extra specs must be strings')
    is_public = common.boolean(item.get('os-volume-type-access:is_public', True), 'is_public')
    row = common.run(types.create_type, call.ctx, name, common.string(item, 'description'),
                     is_public, specs)
    return common.ok({'volume_type': _view(call, row)})


def update(call, type_id):
    item = common.body(call, 'volume_type')
    common.known(item, 'volume_type', ('name', 'description', 'is_public'))
    name = common.string(item, 'name')
    if name is not None and not name.strip():
        raise common.bad_request('Volume type name can not be empty.')
    is_public = common.boolean(item['is_public'], 'is_public') \
        if item.get('is_public') is not None else None
    description = common.string(item, 'description')
    if name is None and description is None and is_public is None:
        raise common.bad_request('Specify volume type name, description, is_public or a '
                                 'combination thereof.')
    row = common.run(types.update_type, call.ctx, type_id, name, description, is_public)
    return common.ok({'volume_type': _view(call, row)})


def delete(call, type_id):
    common.run(types.delete_type, call.ctx, type_id)
    return common.accepted()


def extra_specs_index(call, type_id):
    row = common.run(types.get_type, call.ctx, type_id)
    return common.ok({'extra_specs': views.volume_type(row, call.ctx.is_admin)['extra_specs']})


def extra_specs_create(call, type_id):
    specs = common.body(call, 'extra_specs')
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in specs.items()):
        raise common.invalid('extra_specs', specs, 'extra specs must be strings')
    found = common.run(types.set_extra_specs, call.ctx, type_id, specs)
    return common.ok({'extra_specs': {k: found[k] for k in specs}})
