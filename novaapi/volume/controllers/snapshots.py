"""``/v3/{project_id}/snapshots``: create, list (summary and detail), show, update, delete."""

from novaapi.volume import snapshots
from novaapi.volume import views
from novaapi.volume.controllers import common

LIST_PARAMS = ('limit', 'marker', 'offset', 'sort', 'sort_key', 'sort_dir', 'with_count',
               'all_tenants', 'metadata')


def create(call):
    item = common.body(call, 'snapshot')
    common.known(item, 'snapshot', ('volume_id', 'name', 'description', 'display_name',
                                    'display_description', 'force', 'metadata'))
    volume_id = common.string(item, 'volume_id', nullable=False)
    force = common.boolean(item.get('force', False), 'force')
    name = common.string(item, 'name') if 'name' in item else common.string(item, 'display_name')
    description = common.string(item, 'description') if 'description' in item \
        else common.string(item, 'display_description')
    row = common.run(snapshots.create_snapshot, call.ctx, volume_id, name, description, force,
                     common.metadata(item), call.at_least(66))
    return common.ok({'snapshot': views.snapshot(row, call.version)}, status=202)


def _list(call):
    filters = {}
    for key, value in call.params.items():
        if key in LIST_PARAMS:
            continue
        if key == 'display_name':
            key = 'name'
        if key not in snapshots.FILTERS:
            raise common.bad_request('Invalid input received: Invalid filters %s are found in '
                                     'query options.' % key)
        filters[key] = value
    limit, marker, offset = common.paging(call)
    all_tenants = common.boolean(call.params.get('all_tenants', False), 'all_tenants')
    rows, total = common.run(snapshots.list_snapshots, call.ctx, filters,
                             common.sorting(call, snapshots.SORT_KEYS), limit, marker, offset,
                             all_tenants)
    return rows, total, limit


def index(call):
    rows, total, limit = _list(call)
    return common.listing(call, 'snapshots', [views.snapshot_summary(r, call.version)
                                              for r in rows], total, limit)


def detail(call):
    rows, total, limit = _list(call)
    return common.listing(call, 'snapshots', [views.snapshot(r, call.version) for r in rows],
                          total, limit, 'snapshots/detail')


def show(call, snapshot_id):
    row = common.run(snapshots.get_snapshot, call.ctx, snapshot_id)
    return common.ok({'snapshot': views.snapshot(row, call.version)})


def update(call, snapshot_id):
    item = common.body(call, 'snapshot')
    common.known(item, 'snapshot', ('name', 'description', 'display_name',
                                    'display_description'))
    changes = {}
    for key, column in (('name', 'name'), ('display_name', 'name'),
                        ('description', 'description'),
                        ('display_description', 'description')):
        if key in item:
            changes[column] = common.string(item, key)
    if not changes:
        raise common.bad_request('Invalid input for field/attribute snapshot. Value: {}. {} '
                                 'does not have enough properties')
    row = common.run(snapshots.update_snapshot, call.ctx, snapshot_id, changes)
    return common.ok({'snapshot': views.snapshot(row, call.version)})


def delete(call, snapshot_id):
    common.run(snapshots.delete_snapshot, call.ctx, snapshot_id)
    return common.accepted()


def action(call, snapshot_id):
    doc = common.body(call)
    if 'os-force_delete' in doc and len(doc) == 1:
        common.run(snapshots.delete_snapshot, call.ctx, snapshot_id, force=True)
        return common.accepted()
    if 'os-reset_status' in doc and len(doc) == 1:
        arg = doc['os-reset_status']
        if not isinstance(arg, dict) or 'status' not in arg:
            raise common.bad_request("Must specify 'status'")
        if arg['status'] not in ('creating', 'available', 'deleting', 'error',
                                 'error_deleting', 'backing-up', 'restoring'):
            raise common.bad_request('Invalid input received: Must specify a valid status')
        common.run(snapshots.reset_status, call.ctx, snapshot_id, arg['status'])
        return common.accepted()
    raise common.bad_request('There is no such action: %s' % ', '.join(sorted(doc)))
