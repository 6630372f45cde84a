"""``/v2/images/{id}/members``: the projects a shared image is shared with, and their answers."""

from novaapi import exception
from novaapi.image import members
from novaapi.image import views
from novaapi.image.controllers import images
from novaapi.web import errors as web_errors
from novaapi.web import responses


def _run(action, *args):
    try:
        return action(*args)
    except exception.NovaException as err:
        raise web_errors.ApiError(err.code, err.message) from None


def _body(call):
    body = call.body(images.bad_request)
    if body is None:
        raise images.bad_request('Body expected in request.')
    return body


def index(call, image_id):
    """``GET``: every member for the owner, only its own membership for a member."""
    return responses.json_response(views.members(_run(members.list_members, call.ctx, image_id)))


def create(call, image_id):
    """``POST {"member": "<project id>"}``: 200 with the new (``pending``) member."""
    body = _body(call)
    if not isinstance(body, dict):
        raise images.bad_request('Expected a member in the form: {"member": "image_id"}')
    if 'member' not in body:
        raise images.bad_request('Member to be added not specified')
    member_id = body['member']
    if not member_id:
        raise images.bad_request("Member can't be empty")
    if not isinstance(member_id, str) or len(member_id) > 255:
        raise images.bad_request('Expected a member in the form: {"member": "image_id"}')
    return responses.json_response(views.member(
        _run(members.add, call.ctx, image_id, member_id)))


def show(call, image_id, member_id):
    try:
        row = members.get(call.ctx, image_id, member_id)
    except exception.NovaException as err:
        # Glance answers a refusal here with a 404, hiding the membership.
        raise web_errors.ApiError(404 if err.code == 403 else err.code, err.message) from None
    return responses.json_response(views.member(row))


def update(call, image_id, member_id):
    """``PUT {"status": "accepted"|"rejected"|"pending"}``: the member's answer."""
    body = _body(call)
    if not isinstance(body, dict):
        raise images.bad_request('Expected a status in the form: {"status": "status"}')
    if 'status' not in body:
        raise images.bad_request('Status not specified')
    return responses.json_response(views.member(
        _run(members.update, call.ctx, image_id, member_id, body['status'])))


def delete(call, image_id, member_id):
    _run(members.delete, call.ctx, image_id, member_id)
    return responses.no_content()
