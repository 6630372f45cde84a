"""``/v3/{project_id}/attachments`` (3.27+): create, update, complete (3.44+), delete, list."""

from novaapi.volume import attachments
from novaapi.volume import views
from novaapi.volume.controllers import common
from novaapi.web import errors as web_errors


def _since(call, minor):
    """The attachments API exists from 3.27 (``os-complete`` from 3.44)."""
    if not call.at_least(minor):
        raise web_errors.ApiError(404, 'The resource could not be found.')


def create(call):
    _since(call, 27)
    item = common.body(call, 'attachment')
    allowed = ('volume_uuid', 'instance_uuid', 'connector') + \
        (('mode',) if call.at_least(54) else ())
    common.known(item, 'attachment', allowed)
    volume_id = common.string(item, 'volume_uuid', nullable=False)
    instance = common.string(item, 'instance_uuid')
    connector = item.get('connector')
    if connector is not None and not isinstance(connector, dict):
        raise common.invalid('connector', connector, "%r is not of type 'object'" % connector)
    mode = item.get('mode', 'rw')
    if mode not in ('rw', 'ro'):
        raise common.invalid('mode', mode, "'%s' is not one of ['rw', 'ro']" % mode)
    row = common.run(attachments.create_attachment, call.ctx, volume_id, instance, connector,
                     mode)
    return common.ok({'attachment': views.attachment(row)})


def update(call, attachment_id):
    _since(call, 27)
    item = common.body(call, 'attachment')
    common.known(item, 'attachment', ('connector',))
    connector = item.get('connector')
    if not isinstance(connector, dict) or not connector:
        raise common.invalid('connector', connector, "'connector' must be a non-empty object")
    row = common.run(attachments.update_attachment, call.ctx, attachment_id, connector)
    return common.ok({'attachment': views.attachment(row)})


def action(call, attachment_id):
    _since(call, 44)
    doc = common.body(call)
    if list(doc) != ['os-complete']:
        raise common.bad_request('There is no such action: %s' % ', '.join(sorted(doc)))
    common.run(attachments.complete_attachment, call.ctx, attachment_id)
    return common.empty(204)


def delete(call, attachment_id):
    _since(call, 27)
    others = common.run(attachments.delete_attachment, call.ctx, attachment_id)
    return common.ok({'attachments': [views.attachment_summary(a) for a in others]})


def _list(call):
    _since(call, 27)
    filters = {k: v for k, v in call.params.items()
               if k in ('volume_id', 'instance_id', 'status')}
    if 'attach_status' in call.params:
        filters['status'] = call.params['attach_status']
    limit, marker, offset = common.paging(call)
    all_tenants = common.boolean(call.params.get('all_tenants', False), 'all_tenants')
    rows, total = common.run(attachments.list_attachments, call.ctx, filters, limit, marker,
                             offset, all_tenants)
    return rows, total, limit


def index(call):
    rows, total, limit = _list(call)
    return common.listing(call, 'attachments', [views.attachment_summary(r) for r in rows],
                          total, limit)


def detail(call):
    rows, total, limit = _list(call)
    return common.listing(call, 'attachments', [views.attachment(r) for r in rows], total,
                          limit, 'attachments/detail')


def show(call, attachment_id):
    _since(call, 27)
    row = common.run(attachments.get_attachment, call.ctx, attachment_id)
    return common.ok({'attachment': views.attachment(row)})
