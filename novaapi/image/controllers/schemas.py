"""``/v2/schemas/image`` and ``/v2/schemas/images``."""

from novaapi.image import schemas
from novaapi.web import responses


def image(call):
    return responses.json_response(schemas.image())


def images(call):
    return responses.json_response(schemas.images())


def member(call):
    return responses.json_response(schemas.member())


def members(call):
    return responses.json_response(schemas.members())
