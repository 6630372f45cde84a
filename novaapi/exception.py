"""Domain errors: each carries the HTTP status and the message Nova shows for it."""


class NovaException(Exception):
    """Base error; ``code`` is the HTTP status the API answers with."""

    code = 500
    msg_fmt = 'An unknown exception occurred.'

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        if message is None:
            message = self.msg_fmt % kwargs if kwargs else self.msg_fmt
        self.message = message
        super().__init__(message)


class Invalid(NovaException):
    code = 400
    msg_fmt = 'Bad Request - Invalid Parameters'


class ValidationError(Invalid):
    pass


class Forbidden(NovaException):
    code = 403
    msg_fmt = 'Forbidden'


class PolicyNotAuthorized(Forbidden):
    msg_fmt = "Policy doesn't allow %(action)s to be performed."


class NotFound(NovaException):
    code = 404
    msg_fmt = 'Resource could not be found.'


class FlavorNotFound(NotFound):
    msg_fmt = 'Flavor %(flavor_id)s could not be found.'


class FlavorExtraSpecsNotFound(NotFound):
    msg_fmt = 'Flavor %(flavor_id)s has no extra specs with key %(extra_specs_key)s.'


class FlavorAccessNotFound(NotFound):
    msg_fmt = 'Flavor access not found for %(flavor_id)s / %(project_id)s combination.'


class Conflict(NovaException):
    code = 409
    msg_fmt = 'Conflict'


class FlavorExists(Conflict):
    msg_fmt = 'Flavor with name %(name)s already exists.'


class FlavorIdExists(Conflict):
    msg_fmt = 'Flavor with ID %(flavor_id)s already exists.'


class FlavorAccessExists(Conflict):
    msg_fmt = 'Flavor access already exists for flavor %(flavor_id)s and project %(project_id)s combination.'


class QuotaError(NovaException):
    code = 403
    msg_fmt = 'Quota exceeded: code=%(code)s'


# Image and network services (novaapi.image, novaapi.network).

class ImageNotFound(NotFound):
    msg_fmt = 'Image %(image_id)s could not be found.'


class NetworkNotFound(NotFound):
    msg_fmt = 'Network %(network_id)s could not be found.'


class PortNotFound(NotFound):
    msg_fmt = 'Port id %(port_id)s could not be found.'


class PortInUse(Conflict):
    msg_fmt = 'Port %(port_id)s is still in use.'


class InvalidInput(Invalid):
    msg_fmt = 'Invalid input received: %(reason)s'


class FixedIpAlreadyInUse(Invalid):
    msg_fmt = 'Fixed IP address %(address)s is already in use on instance %(instance_uuid)s.'


class NoMoreFixedIps(Invalid):
    msg_fmt = 'No fixed IP addresses available for network: %(net)s'


class InvalidKeypair(Invalid):
    msg_fmt = 'Keypair data is invalid: %(reason)s'


class KeypairNotFound(NotFound):
    msg_fmt = 'Keypair %(name)s not found for user %(user_id)s'


class KeyPairExists(Conflict):
    msg_fmt = "Key pair '%(key_name)s' already exists."


class KeypairMarkerNotFound(Invalid):
    msg_fmt = 'Marker %(marker)s could not be found.'


class InstanceGroupNotFound(NotFound):
    msg_fmt = 'Instance group %(group_uuid)s could not be found.'


class OverQuota(Forbidden):
    """A quota check failed; ``resources``, ``quotas``, ``usages`` and ``deltas`` say how."""

    msg_fmt = ('Quota exceeded for %(overs)s: Requested %(req)s, '
               'but already used %(used)s of %(allowed)s %(overs)s')
    resources = ()
    quotas = None
    usages = None
    deltas = None


class MetadataLimitExceeded(OverQuota):
    msg_fmt = 'Maximum number of metadata items exceeds %(allowed)d'


class KeypairLimitExceeded(OverQuota):
    msg_fmt = 'Quota exceeded, too many key pairs.'


class ServerGroupLimitExceeded(OverQuota):
    msg_fmt = 'Quota exceeded, too many server groups.'


class ServerGroupMemberLimitExceeded(OverQuota):
    msg_fmt = 'Quota exceeded, too many servers in group'


# Servers (novaapi.compute).

class InstanceNotFound(NotFound):
    msg_fmt = 'Instance %(instance_id)s could not be found.'


class InstanceInvalidState(Conflict):
    """``attr``/``state``/``action`` make the API's "Cannot '<action>' instance ..." message.

    A refused state that is null (an idle task, a server never launched) has nothing
    to name, so Nova words it as "... is in an invalid state for '<action>'".
    """

    msg_fmt = "Cannot '%(action)s' instance %(instance_uuid)s while it is in %(attr)s %(state)s"

    def __init__(self, message=None, **kwargs):
        if message is None and kwargs.get('state') is None:
            message = InstanceUnknownState.msg_fmt % kwargs
        super().__init__(message, **kwargs)


class InstanceIsLocked(Conflict):
    msg_fmt = 'Instance %(instance_uuid)s is locked'


class InstanceNotReady(Conflict):
    msg_fmt = 'Instance %(instance_id)s is not ready'


class InstanceUnknownState(Conflict):
    msg_fmt = "Instance %(instance_uuid)s is in an invalid state for '%(action)s'"


class NoValidHost(NovaException):
    msg_fmt = 'No valid host was found. %(reason)s'


class ComputeHostNotFound(Invalid):
    msg_fmt = 'Compute host %(host)s could not be found.'


class MigrationNotFound(NotFound):
    msg_fmt = 'Migration %(migration_id)s could not be found.'


# Block storage as Nova words it (novaapi.volume behind novaapi.volume.api).

class VolumeNotFound(NotFound):
    msg_fmt = 'Volume %(volume_id)s could not be found.'


class InvalidVolume(Invalid):
    msg_fmt = 'Invalid volume: %(reason)s'


class InvalidBDM(Invalid):
    msg_fmt = 'Block Device Mapping is Invalid.'


class InvalidBDMVolume(InvalidBDM):
    msg_fmt = 'Block Device Mapping is Invalid: failed to get volume %(id)s.'


class InvalidBDMSnapshot(InvalidBDM):
    msg_fmt = 'Block Device Mapping is Invalid: failed to get snapshot %(id)s.'


class InvalidBDMImage(InvalidBDM):
    msg_fmt = 'Block Device Mapping is Invalid: failed to get image %(id)s.'


class MultiattachNotSupportedOldMicroversion(Invalid):
    msg_fmt = 'Multiattach volumes are only supported starting with compute API version 2.60.'


class BuildAbortException(NovaException):
    msg_fmt = 'Build of instance %(instance_uuid)s aborted: %(reason)s'


def from_cinder(err):
    """Nova's translation of a block-storage refusal (``translate_cinder_exception``)."""
    if err.code == 400:
        return InvalidInput(reason='%s (HTTP 400)' % err.message)
    if err.code == 403:
        return Forbidden('%s (HTTP 403)' % err.message)
    if err.code == 413:
        return Forbidden(err.message)
    return err
