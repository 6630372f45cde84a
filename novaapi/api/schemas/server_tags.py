"""Request schemas of ``/servers/{server_id}/tags``."""

from novaapi.api.schemas import server_sub
from novaapi.compute.subresources import tags

update_all = {
    'type': 'object',
    'properties': {
        'tags': {'type': 'array', 'items': server_sub.tag, 'maxItems': tags.MAX_TAG_COUNT},
    },
    'required': ['tags'],
    'additionalProperties': False,
}

# PUT /tags/{tag} takes no body.
update = {'type': 'null'}

# NOTE: Nova defines 2.102 variants for the tag queries but does not apply them.
query = server_sub.LOOSE
