"""``/v3/{project_id}/volumes``: create, list (summary and detail), show, update, delete."""

import json

from novaapi.volume import views
from novaapi.volume import volumes
from novaapi.volume.controllers import common

CREATE = ('size', 'name', 'description', 'display_name', 'display_description', 'volume_type',
          'availability_zone', 'metadata', 'imageRef', 'image_id', 'snapshot_id', 'source_volid',
          'consistencygroup_id', 'multiattach', 'backup_id', 'group_id', 'source_replica')
UPDATE = ('name', 'description', 'display_name', 'display_description', 'metadata')
LIST_PARAMS = ('limit', 'marker', 'offset', 'sort', 'sort_key', 'sort_dir', 'with_count',
               'all_tenants', 'metadata')


def _view(call, row):
    return views.volume(row, call.base_url, call.version, call.ctx)


def _spec(call):
    body = common.body(call)
    item = common.body(call, 'volume')
    common.known(body, 'body', ('volume', 'OS-SCH-HNT:scheduler_hints', 'scheduler_hints'))
    common.known(item, 'volume', CREATE)
    spec = {'name': common.string(item, 'name') if 'name' in item
            else common.string(item, 'display_name'),
            'description': common.string(item, 'description') if 'description' in item
            else common.string(item, 'display_description'),
            'metadata': common.metadata(item)}
    if item.get('size') is not None:
        spec['size'] = common.integer(item['size'], 'size', 1)
    for key in ('volume_type', 'availability_zone', 'snapshot_id', 'source_volid'):
        spec[key] = common.string(item, key)
    image = item.get('imageRef') or item.get('image_id')
    if image is not None:
        spec['imageRef'] = common.string({'imageRef': image}, 'imageRef')
    if item.get('backup_id'):
        raise common.bad_request('Invalid input received: Backups are not supported by this '
                                 'block storage service.')
    if common.boolean(item.get('multiattach', False), 'multiattach'):
        raise common.bad_request('multiattach parameter has been removed. The default behavior '
                                 'is to use multiattach enabled volume types. Contact your '
                                 'administrator to create a multiattach enabled volume type '
                                 'and use it to create multiattach volumes.')
    return spec


def create(call):
    row = common.run(volumes.create_volume, call.ctx, _spec(call))
    return common.ok({'volume': _view(call, row)}, status=202)


def _list_args(call):
    params = call.params
    filters = {}
    for key, value in params.items():
        if key in LIST_PARAMS:
            continue
        if key in ('display_name',):
            key = 'name'
        if key not in volumes.FILTERS:
            raise common.bad_request('Invalid input received: Invalid filters %s are found in '
                                     'query options.' % key)
        if key == 'bootable':
            value = common.boolean(value, 'bootable')
        if key == 'size':
            value = common.integer(value, 'size')
        filters[key] = value
    meta = params.get('metadata')
    if meta is not None:
        try:
            meta = json.loads(meta)
            if not isinstance(meta, dict):
                raise ValueError
        except ValueError:
            raise common.bad_request('Invalid input received: Invalid metadata filter') from None
        meta = {str(k): str(v) for k, v in meta.items()}
    limit, marker, offset = common.paging(call)
    all_tenants = common.boolean(params.get('all_tenants', False), 'all_tenants') \
        if 'all_tenants' in params else False
    return dict(filters=filters, sort=common.sorting(call, volumes.SORT_KEYS), limit=limit,
                marker=marker, offset=offset, all_tenants=all_tenants, metadata=meta), limit


def index(call):
    kwargs, limit = _list_args(call)
    rows, total = common.run(volumes.list_volumes, call.ctx, **kwargs)
    items = [views.volume_summary(r, call.base_url) for r in rows]
    return common.listing(call, 'volumes', items, total, limit)


def detail(call):
    kwargs, limit = _list_args(call)
    rows, total = common.run(volumes.list_volumes, call.ctx, **kwargs)
    return common.listing(call, 'volumes', [_view(call, r) for r in rows], total, limit,
                          'volumes/detail')


def show(call, volume_id):
    return common.ok({'volume': _view(call, common.run(volumes.get_volume, call.ctx, volume_id))})


def update(call, volume_id):
    item = common.body(call, 'volume')
    common.known(item, 'volume', UPDATE)
    changes = {}
    for key, column in (('name', 'name'), ('display_name', 'name'),
                        ('description', 'description'),
                        ('display_description', 'description')):
        if key in item:
            changes[column] = common.string(item, key)
    if 'metadata' in item:
        changes['metadata'] = common.metadata(item)
    if not changes:
        raise common.bad_request("Invalid input for field/attribute volume. Value: {}. {} does "
                                 "not have enough properties")
    row = common.run(volumes.update_volume, call.ctx, volume_id, changes)
    return common.ok({'volume': _view(call, row)})


def delete(call, volume_id):
    params = call.params
    cascade = common.boolean(params.get('cascade', False), 'cascade')
    force = common.boolean(params.get('force', False), 'force') if call.at_least(23) else False
    common.run(volumes.delete_volume, call.ctx, volume_id, cascade=cascade, force=force)
    return common.accepted()


def metadata_show(call, volume_id):
    row = common.run(volumes.get_volume, call.ctx, volume_id)
    return common.ok({'metadata': dict(row.meta or {})})


def _set_metadata(call, volume_id, replace):
    item = common.body(call)
    if 'metadata' not in item:
        raise common.bad_request('Malformed request body')
    key = 'metadata' if replace else 'metadata_merge'
    row = common.run(volumes.update_volume, call.ctx, volume_id, {key: common.metadata(item)})
    return common.ok({'metadata': dict(row.meta or {})})


def metadata_create(call, volume_id):
    return _set_metadata(call, volume_id, replace=False)


def metadata_replace(call, volume_id):
    return _set_metadata(call, volume_id, replace=True)
