"""Fault-injection behaviours of the simulated cloud: ``/_sim/behaviours``.

Not a Nova API: only novaapi's compute service answers it (admin only).
"""

from novaclient import base

# Arguments a behaviour takes besides its kind (the JSON keys of the API).
FIELDS = ('project_id', 'name', 'flavor', 'image', 'host', 'action', 'method',
          'path', 'status', 'message', 'delay', 'count')


class Behaviour(base.Resource):
    def __repr__(self):
        return '<Behaviour: %s %s>' % (self.id, self.kind)

    def delete(self):
        return self.manager.delete(self.id)


class BehaviourManager(base.ManagerWithFind):
    resource_class = Behaviour

    def list(self):
        return self._list('/_sim/behaviours', 'behaviours')

    def get(self, behaviour):
        return self._get('/_sim/behaviours/%s' % base.getid(behaviour),
                         'behaviour')

    def create(self, kind, **fields):
        """Arm a behaviour; ``fields`` are among :data:`FIELDS` (None is left out)."""
        unknown = sorted(set(fields) - set(FIELDS))
        if unknown:
            raise TypeError('unknown behaviour fields: %s' % ', '.join(unknown))
        body = {'kind': kind}
        body.update((k, v) for k, v in fields.items() if v is not None)
        return self._create('/_sim/behaviours', {'behaviour': body},
                            'behaviour')

    def delete(self, behaviour):
        return self._delete('/_sim/behaviours/%s' % base.getid(behaviour))

    def delete_all(self):
        return self._delete('/_sim/behaviours')
