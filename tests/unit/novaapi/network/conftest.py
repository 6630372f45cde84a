"""The image tests' fixtures: a fresh database with identity and the seeds, tokens, a client."""

from tests.unit.novaapi.image.conftest import Client  # noqa: F401
from tests.unit.novaapi.image.conftest import Ctx  # noqa: F401
from tests.unit.novaapi.image.conftest import admin_token  # noqa: F401
from tests.unit.novaapi.image.conftest import demo_token  # noqa: F401
from tests.unit.novaapi.image.conftest import ids  # noqa: F401
from tests.unit.novaapi.image.conftest import issue  # noqa: F401
