"""Every service's tables: import this module when the whole schema is needed.

Each service keeps its own models and registers them with the one registry at
the bottom, ``novaapi.db.base.Base``; this module only gathers them, for what
needs all of them at once (creating a scratch schema, autogenerating a
migration, checking that the migrations match the models).
"""

from novaapi.compute import models as compute
from novaapi.db import base
from novaapi.identity import models as identity
from novaapi.image import models as image
from novaapi.network import models as network
from novaapi.volume import models as volume

metadata = base.Base.metadata
"""The metadata holding every table of every service."""

__all__ = ['compute', 'identity', 'image', 'metadata', 'network', 'volume']
