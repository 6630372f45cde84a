"""JSON responses of the compute version documents: the kit's :mod:`novaapi.web.responses`.

Kept for ``novaapi.api.versions`` until it imports the kit itself.
"""

from novaapi.web import responses

json_response = responses.json_response
no_content = responses.no_content
