"""Remote consoles of a server and the console auth tokens they hand out, one transaction each."""

from novaapi.compute.subresources import common
from novaapi.compute.subresources import consoles
from novaapi.db import engine


def create(ctx, server_id, protocol, console_type, rule):
    """The access URL of a new console of ``server_id``, after policy ``rule`` on the server.

    ``rule`` None: the caller has already checked a rule that needs no server.
    """
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, rule)
        return consoles.create(sess, instance, protocol, console_type)


def validate_token(token):
    """The live console authorization of ``token`` (its row, loaded)."""
    with engine.transaction() as sess:
        return consoles.validate(sess, token)
