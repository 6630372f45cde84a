"""Image lookups in the image service (Glance), for names and listings."""

from novaclient import base
from novaclient import exceptions
from novaclient import utils


class Image(base.Resource):
    HUMAN_ID = True

    def __repr__(self):
        return '<Image: %s>' % getattr(self, 'name', '?')


class GlanceManager(base.Manager):
    """Finds images by name or ID through the image service's own API."""

    resource_class = Image

    def _images(self, url):
        resp, body = self.client.get(url, service_type='image')
        return base.ListWithMeta([Image(self, item, loaded=True)
                                  for item in body['images']], resp)

    def find_image(self, name_or_id):
        """One image by ID, or by exact name.

        :raises NotFound: no such image
        :raises NoUniqueMatch: several images have that name
        """
        if utils.is_uuid_like(name_or_id):
            resp, body = self.client.get('/v2/images/%s' % name_or_id,
                                         service_type='image')
            return Image(self, body, loaded=True, resp=resp)
        matches = self._images('/v2/images?name=%s' % name_or_id)
        if not matches:
            raise exceptions.NotFound(404, 'No Image matching %s.'
                                      % name_or_id)
        if len(matches) > 1:
            raise exceptions.NoUniqueMatch(
                "Multiple image matches found for '%s', use an ID to be more "
                "specific." % name_or_id)
        matches[0].append_request_ids(matches.request_ids)
        return matches[0]

    def find_images(self, names_or_ids):
        """Several images by ID or name, in two queries."""
        joined = ','.join(names_or_ids)
        matches = self._images('/v2/images?id=in:%s' % joined)
        matches.extend(self._images('/v2/images?names=in:%s' % joined))
        missed = (set(names_or_ids) - {m.name for m in matches}
                  - {m.id for m in matches})
        if missed:
            raise exceptions.NotFound(404, 'Unable to find image(s): %s'
                                      % ','.join(missed))
        if any(m.name not in names_or_ids and m.id not in names_or_ids
               for m in matches):
            raise exceptions.ClientException(
                500, 'Additional images found in response')
        return matches

    def list(self):
        return self._images('/v2/images')
