"""/os-aggregates: host aggregates, their hosts and metadata (the availability zones)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import aggregates as schema
from novaapi.api.views import aggregates as views
from novaapi.compute import aggregates
from novaapi.compute import policy
from novaapi import exception


def _check_id(aggregate_id):
    """Any integer int() reads (signs, spaces, other scripts' digits), as Nova's check reads it."""
    try:
        return int(aggregate_id)
    except ValueError:
        raise exception.Invalid('Invalid input received: id must be an integer') from None


def _authorize(req, name, aggregate_id=None):
    policy.authorize(req.context, 'os-aggregates:' + name, target={})
    return _check_id(aggregate_id) if aggregate_id is not None else None


class AggregateController(wsgi.Controller):

    @wsgi.expected_errors(())
    @validation.query_schema(schema.query)
    def index(self, req):
        _authorize(req, 'index')
        return views.index(req, aggregates.list_all(req.context))

    @wsgi.expected_errors((400, 409))
    @validation.schema(schema.create)
    def create(self, req, body):
        _authorize(req, 'create')
        spec = body['aggregate']
        zone = (spec.get('availability_zone') or '').strip() or None
        return views.show(req, aggregates.create_aggregate(req.context, spec['name'].strip(), zone),
                          brief=True)

    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.query)
    def show(self, req, id):
        aggregate_id = _authorize(req, 'show', id)
        return views.show(req, aggregates.show_aggregate(req.context, aggregate_id))

    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.update)
    def update(self, req, id, body):
        aggregate_id = _authorize(req, 'update', id)
        values = dict(body['aggregate'])
        if 'name' in values:
            values['name'] = values['name'].strip()
        return views.show(req, aggregates.update_aggregate(req.context, aggregate_id, values))

    @wsgi.expected_errors((400, 404))
    def delete(self, req, id):
        aggregate_id = _authorize(req, 'delete', id)
        aggregates.delete_aggregate(req.context, aggregate_id)

    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('add_host')
    @validation.schema(schema.add_host)
    def _add_host(self, req, id, body):
        aggregate_id = _authorize(req, 'add_host', id)
        try:
            aggregate = aggregates.add_aggregate_host(req.context, aggregate_id,
                                                      body['add_host']['host'])
        except aggregates.InvalidAggregateAction as exc:
            raise exception.Conflict(exc.message) from None
        return views.show(req, aggregate)

    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('remove_host')
    @validation.schema(schema.remove_host)
    def _remove_host(self, req, id, body):
        aggregate_id = _authorize(req, 'remove_host', id)
        host = body['remove_host']['host']
        try:
            aggregate = aggregates.remove_aggregate_host(req.context, aggregate_id, host)
        except exception.NotFound:
            raise exception.NotFound('Cannot remove host %s in aggregate %s' % (host, id)) from None
        except aggregates.InvalidAggregateAction as exc:
            raise exception.Conflict(exc.message) from None
        return views.show(req, aggregate)

    @wsgi.expected_errors((400, 404))
    @wsgi.action('set_metadata')
    @validation.schema(schema.set_metadata)
    def _set_metadata(self, req, id, body):
        aggregate_id = _authorize(req, 'set_metadata', id)
        metadata = body['set_metadata']['metadata']
        return views.show(req, aggregates.set_aggregate_metadata(req.context, aggregate_id, metadata))

    @wsgi.api_version('2.81')
    @wsgi.response(202)
    @wsgi.expected_errors((400, 404))
    @validation.schema(schema.images)
    def images(self, req, id, body):
        aggregate_id = _authorize(req, 'images', id)
        image_ids = [item['id'] for item in body['cache']]
        if len(set(image_ids)) != len(image_ids):
            raise exception.Invalid('Duplicate images in request')
        aggregates.show_aggregate(req.context, aggregate_id)
