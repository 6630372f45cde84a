"""Host aggregates: ``/os-aggregates``."""

from novaclient import api_versions
from novaclient import base


class Aggregate(base.Resource):
    def __repr__(self):
        return '<Aggregate: %s>' % self.id

    def update(self, values):
        return self.manager.update(self, values)

    def add_host(self, host):
        return self.manager.add_host(self, host)

    def remove_host(self, host):
        return self.manager.remove_host(self, host)

    def set_metadata(self, metadata):
        return self.manager.set_metadata(self, metadata)

    def delete(self):
        return self.manager.delete(self)


class AggregateManager(base.ManagerWithFind):
    resource_class = Aggregate

    def list(self):
        return self._list('/os-aggregates', 'aggregates')

    def create(self, name, availability_zone):
        body = {'aggregate': {'name': name, 'availability_zone': availability_zone}}
        return self._create('/os-aggregates', body, 'aggregate')

    def get(self, aggregate):
        return self._get('/os-aggregates/%s' % base.getid(aggregate), 'aggregate')

    def get_details(self, aggregate):
        return self.get(aggregate)

    def update(self, aggregate, values):
        return self._update('/os-aggregates/%s' % base.getid(aggregate), {'aggregate': values}, 'aggregate')

    def _action(self, aggregate, name, info):
        return self._create('/os-aggregates/%s/action' % base.getid(aggregate), {name: info}, 'aggregate')

    def add_host(self, aggregate, host):
        return self._action(aggregate, 'add_host', {'host': host})

    def remove_host(self, aggregate, host):
        return self._action(aggregate, 'remove_host', {'host': host})

    def set_metadata(self, aggregate, metadata):
        return self._action(aggregate, 'set_metadata', {'metadata': metadata})

    def delete(self, aggregate):
        return self._delete('/os-aggregates/%s' % base.getid(aggregate))

    @api_versions.wraps('2.81')
    def cache_images(self, aggregate, images):
        body = {'cache': [{'id': base.getid(image)} for image in images]}
        resp, body = self.client.post('/os-aggregates/%s/images' % base.getid(aggregate), body=body)
        return self.convert_into_with_meta(body, resp)
