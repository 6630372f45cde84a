"""Service views: ``{service: {id, binary, host, zone, status, state, updated_at, ...}}``."""

TIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'


def stamp(value):
    """Nova's serialisation of a naive datetime (always with microseconds)."""
    return value.strftime(TIME_FORMAT) if value else None


def detail(req, info, updated_at):
    view = {'id': info.uuid if req.is_version('2.53') else info.id,
            'binary': info.binary, 'host': info.host, 'zone': info.zone,
            'status': 'disabled' if info.disabled else 'enabled',
            'state': 'up' if info.up else 'down',
            'updated_at': stamp(updated_at), 'disabled_reason': info.disabled_reason}
    if req.is_version('2.11'):
        view['forced_down'] = bool(info.forced_down)
    return view


def index(req, infos, updated):
    return {'services': [detail(req, info, updated(info)) for info in infos]}


def action_result(host, binary, **fields):
    """The short body of the pre-2.53 ``PUT /os-services/<action>`` forms."""
    return {'service': dict({'host': host, 'binary': binary}, **fields)}
