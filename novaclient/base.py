"""Resource and Manager base classes shared by every v2 collection."""

import copy

from novaclient import exceptions
from novaclient import utils


def getid(obj):
    """Return ``obj.id`` if present, else ``obj`` (so IDs and objects mix)."""
    return getattr(obj, 'id', obj)


def _request_id(resp):
    headers = getattr(resp, 'headers', None)
    if headers is None:
        return resp
    return (headers.get('x-openstack-request-id')
            or headers.get('x-compute-request-id'))


class RequestIdMixin:
    """Collects the request ids of the responses an object came from."""

    def request_ids_setup(self):
        self.x_openstack_request_ids = []

    @property
    def request_ids(self):
        return self.x_openstack_request_ids

    def append_request_ids(self, resp):
        """Record the id of a response, a list of responses or a bare id."""
        for item in (resp if isinstance(resp, list) else [resp]):
            if item is None:
                continue
            request_id = _request_id(item)
            if request_id not in self.x_openstack_request_ids:
                self.x_openstack_request_ids.append(request_id)


class Resource(RequestIdMixin):
    """A bag of attributes built from one JSON object.

    Missing attributes raise AttributeError; there is no lazy GET.
    """

    HUMAN_ID = False
    NAME_ATTR = 'name'

    def __init__(self, manager, info, loaded=False, resp=None):
        self.manager = manager
        self._info = info
        self._loaded = loaded
        self._add_details(info)
        self.request_ids_setup()
        self.append_request_ids(resp)

    def __repr__(self):
        keys = sorted(k for k in self.__dict__
                      if not k.startswith('_')
                      and k not in ('manager', 'x_openstack_request_ids'))
        info = ', '.join('%s=%s' % (k, getattr(self, k)) for k in keys)
        return '<%s %s>' % (type(self).__name__, info)

    def _add_details(self, info):
        for key, value in info.items():
            try:
                setattr(self, key, value)
            except AttributeError:
                # NOTE: a JSON key that collides with a read-only property
                # stays reachable through _info/to_dict().
                pass

    @property
    def api_version(self):
        return self.manager.api_version

    @property
    def human_id(self):
        """Slug of the name, for resources that opt in with HUMAN_ID."""
        if self.HUMAN_ID:
            name = getattr(self, self.NAME_ATTR, None)
            if name is not None:
                return utils.to_slug(name)
        return None

    def get(self):
        """Reload this resource's attributes from the server."""
        self._loaded = True
        new = self.manager.get(self.id)
        if new:
            self._info.update(new._info)
            self._add_details(new._info)
            self.append_request_ids(new.request_ids)

    def __eq__(self, other):
        if not isinstance(other, Resource):
            return NotImplemented
        if type(self) is not type(other):
            return False
        if hasattr(self, 'id') and hasattr(other, 'id'):
            return self.id == other.id
        return self._info == other._info

    def __hash__(self):
        return hash((type(self).__name__, getattr(self, 'id', None)))

    def is_loaded(self):
        return self._loaded

    def set_loaded(self, val):
        self._loaded = val

    def set_info(self, key, value):
        self._info[key] = value

    def to_dict(self):
        return copy.deepcopy(self._info)


def _next_href(body, response_key):
    # NOTE: instance actions name their links plain ``links``.
    body = body or {}
    links = body.get(response_key + '_links') or body.get('links') or ()
    for link in links if isinstance(links, list) else ():
        if link.get('rel') == 'next' and link.get('href'):
            return link['href']
    return None


class Manager:
    """Owns the URLs and HTTP calls of one API collection.

    ``api`` is the v2 client: ``api.client`` does the HTTP, returning
    ``(response, decoded_body)``; ``api.api_version`` is the microversion.
    """

    resource_class = None

    def __init__(self, api):
        self.api = api

    @property
    def client(self):
        return self.api.client

    @property
    def api_version(self):
        return self.api.api_version

    def _list(self, url, response_key, obj_class=None, body=None,
              filters=None):
        url = utils.get_url_with_filter(url, filters)
        posted = bool(body)
        if posted:
            resp, body = self.client.post(url, body=body)
        else:
            resp, body = self.client.get(url)
        obj_class = obj_class or self.resource_class
        listing = ListWithMeta(self._items(body, response_key, obj_class),
                               resp)
        if not posted and getattr(self.api, 'follow_next_links', False):
            self._follow(url, body, response_key, obj_class, listing)
        return listing

    def _items(self, body, response_key, obj_class):
        data = body[response_key]
        if isinstance(data, dict):
            data = data.get('values', data)
        return [obj_class(self, item, loaded=True) for item in data if item]

    def _follow(self, url, body, response_key, obj_class, listing):
        """Append the pages the ``<key>_links`` next links point to.

        Only for a request that named no ``limit``: with one, the caller
        asked for a page. Each next request keeps this URL's path and takes
        the link's query (the server carries the filters and the marker).
        """
        path, _sep, query = url.partition('?')
        if 'limit' in utils.query_keys(query):
            return
        seen = {url}
        while True:
            href = _next_href(body, response_key)
            if not href:
                return
            next_query = href.partition('?')[2]
            url = '%s?%s' % (path, next_query) if next_query else path
            if url in seen:
                return
            seen.add(url)
            resp, body = self.client.get(url)
            listing.extend(self._items(body, response_key, obj_class))
            listing.append_request_ids(resp)

    def _get(self, url, response_key, filters=None):
        resp, body = self.client.get(utils.get_url_with_filter(url, filters))
        content = body[response_key] if response_key is not None else body
        return self.resource_class(self, content, loaded=True, resp=resp)

    def _create(self, url, body, response_key, return_raw=False,
                obj_class=None):
        resp, body = self.client.post(url, body=body)
        if return_raw:
            return self.convert_into_with_meta(body[response_key], resp)
        obj_class = obj_class or self.resource_class
        return obj_class(self, body[response_key], resp=resp)

    def _delete(self, url):
        resp, body = self.client.delete(url)
        return self.convert_into_with_meta(body, resp)

    def _update(self, url, body, response_key=None):
        resp, body = self.client.put(url, body=body)
        if not body:
            return StrWithMeta(body or '', resp)
        content = body[response_key] if response_key else body
        return self.resource_class(self, content, resp=resp)

    def convert_into_with_meta(self, item, resp):
        """Wrap a plain value so it carries the response's request id."""
        if isinstance(item, str):
            return StrWithMeta(item, resp)
        if isinstance(item, bytes):
            return BytesWithMeta(item, resp)
        if isinstance(item, list):
            return ListWithMeta(item, resp)
        if isinstance(item, tuple):
            return TupleWithMeta(item, resp)
        if item is None:
            return TupleWithMeta((), resp)
        return DictWithMeta(item, resp)


class ManagerWithFind(Manager):
    """A Manager with client-side ``find``/``findall`` over ``list()``.

    Subclasses describe what their ``list()`` accepts with
    ``list_supports`` (a set of ``'detailed'``, ``'search_opts'``,
    ``'is_public'``) instead of having their signature introspected.
    """

    list_supports = frozenset()

    def list(self, *args, **kwargs):
        raise NotImplementedError

    def find(self, **kwargs):
        """Exactly one resource whose attributes equal ``kwargs``.

        :raises NotFound: nothing matched
        :raises NoUniqueMatch: several matched
        """
        matches = self.findall(**kwargs)
        if not matches:
            raise exceptions.NotFound(404, 'No %s matching %s.' % (
                self.resource_class.__name__, kwargs))
        if len(matches) > 1:
            raise exceptions.NoUniqueMatch()
        matches[0].append_request_ids(matches.request_ids)
        return matches[0]

    def _list_kwargs(self, kwargs):
        """Turn find() criteria into list() arguments; returns (kw, searches)."""
        searches = dict(kwargs)
        list_kwargs = {}
        detailed = True
        if 'detailed' in self.list_supports:
            detailed = not ({'human_id', 'name', 'display_name'} & set(kwargs))
            list_kwargs['detailed'] = detailed
        if 'is_public' in self.list_supports and 'is_public' in kwargs:
            list_kwargs['is_public'] = kwargs['is_public']
            if kwargs['is_public'] is None:
                searches.pop('is_public')
        if 'search_opts' in self.list_supports:
            opts = {}
            for key in ('human_id', 'name', 'display_name'):
                if key in kwargs:
                    opts['name'] = kwargs[key]
                    break
            for key in ('all_tenants', 'deleted'):
                if key in kwargs:
                    opts[key] = searches.pop(key)
            list_kwargs['search_opts'] = opts
        return list_kwargs, searches, detailed

    def findall(self, **kwargs):
        """Every resource whose attributes equal ``kwargs``."""
        list_kwargs, searches, detailed = self._list_kwargs(kwargs)
        listing = self.list(**list_kwargs)
        found = ListWithMeta([], None)
        found.append_request_ids(listing.request_ids)
        for obj in listing:
            try:
                if not all(getattr(obj, attr) == value
                           for attr, value in searches.items()):
                    continue
            except AttributeError:
                continue
            if detailed:
                found.append(obj)
            else:
                detail = self.get(obj.id)
                found.append(detail)
                found.append_request_ids(detail.request_ids)
        return found


class ListWithMeta(list, RequestIdMixin):
    def __init__(self, values, resp):
        super().__init__(values)
        self.request_ids_setup()
        self.append_request_ids(resp)


class DictWithMeta(dict, RequestIdMixin):
    def __init__(self, values, resp):
        super().__init__(values)
        self.request_ids_setup()
        self.append_request_ids(resp)


class TupleWithMeta(tuple, RequestIdMixin):
    def __new__(cls, values, resp):
        return super().__new__(cls, values)

    def __init__(self, values, resp):
        self.request_ids_setup()
        self.append_request_ids(resp)


class StrWithMeta(str, RequestIdMixin):
    def __new__(cls, value, resp):
        return super().__new__(cls, value)

    def __init__(self, value, resp):
        self.request_ids_setup()
        self.append_request_ids(resp)


class BytesWithMeta(bytes, RequestIdMixin):
    def __new__(cls, value, resp):
        return super().__new__(cls, value)

    def __init__(self, value, resp):
        self.request_ids_setup()
        self.append_request_ids(resp)
