"""Limits: ``/limits`` (absolute quota limits and usage)."""

from novaclient import base


class Limits(base.Resource):
    """Rate and absolute limits of a project."""

    def __repr__(self):
        return '<Limits>'

    @property
    def absolute(self):
        for name, value in self._info['absolute'].items():
            yield AbsoluteLimit(name, value)

    @property
    def rate(self):
        for group in self._info.get('rate', []):
            for rate in group['limit']:
                yield RateLimit(rate['verb'], group['uri'], group['regex'],
                                rate['value'], rate['remaining'],
                                rate['unit'], rate['next-available'])


class RateLimit:
    """One rate limit, flattened from its URI group."""

    def __init__(self, verb, uri, regex, value, remain, unit, next_available):
        self.verb = verb
        self.uri = uri
        self.regex = regex
        self.value = value
        self.remain = remain
        self.unit = unit
        self.next_available = next_available

    def __eq__(self, other):
        return vars(self) == vars(other)

    def __repr__(self):
        return '<RateLimit: verb=%s uri=%s>' % (self.verb, self.uri)


class AbsoluteLimit:
    """One absolute limit, e.g. ``maxTotalCores = 20``."""

    def __init__(self, name, value):
        self.name = name
        self.value = value

    def __eq__(self, other):
        return (self.name, self.value) == (other.name, other.value)

    def __repr__(self):
        return '<AbsoluteLimit: name=%s>' % self.name


class LimitsManager(base.Manager):
    resource_class = Limits

    def get(self, reserved=False, tenant_id=None):
        """Limits of the caller's project, or ``tenant_id``'s (admin)."""
        params = {}
        if reserved:
            params['reserved'] = 1
        if tenant_id:
            params['tenant_id'] = tenant_id
        return self._get('/limits', 'limits', filters=params)
