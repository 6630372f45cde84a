"""Volume attachment views: ``tag`` from 2.70, ``delete_on_termination`` from 2.79,
``attachment_id`` and ``bdm_uuid`` instead of ``id`` from 2.89."""


def attachment(req, bdm):
    view = {}
    if not req.is_version('2.89'):
        view['id'] = bdm.volume_id
    view.update(volumeId=bdm.volume_id, serverId=bdm.instance_uuid)
    if bdm.device_name:
        view['device'] = bdm.device_name
    if req.is_version('2.70'):
        view['tag'] = bdm.tag
    if req.is_version('2.79'):
        view['delete_on_termination'] = bdm.delete_on_termination
    if req.is_version('2.89'):
        view.update(attachment_id=bdm.attachment_id, bdm_uuid=bdm.uuid)
    return view


def visible(req, bdm):
    """From 2.89 attachments without a Cinder attachment id are not listed."""
    return not req.is_version('2.89') or bdm.attachment_id is not None


def index(req, bdms):
    return {'volumeAttachments': [attachment(req, bdm) for bdm in bdms if visible(req, bdm)]}


def show(req, bdm):
    return {'volumeAttachment': attachment(req, bdm)}


def created(req, bdm):
    """POST answers with what was asked for, as Nova does (``id`` stays until 2.100)."""
    view = {'id': bdm.volume_id, 'serverId': bdm.instance_uuid, 'volumeId': bdm.volume_id,
            'device': bdm.device_name}
    if req.is_version('2.70'):
        view['tag'] = bdm.tag
    if req.is_version('2.79'):
        view['delete_on_termination'] = bdm.delete_on_termination
    return {'volumeAttachment': view}
