"""The block-storage endpoint's errors, with Cinder's codes and words."""

from novaapi import exception


class Invalid(exception.Invalid):
    msg_fmt = 'Unacceptable parameters.'


class InvalidInput(Invalid):
    msg_fmt = 'Invalid input received: %(reason)s'


class InvalidVolume(Invalid):
    msg_fmt = 'Invalid volume: %(reason)s'


class InvalidSnapshot(Invalid):
    msg_fmt = 'Invalid snapshot: %(reason)s'


class InvalidVolumeType(Invalid):
    msg_fmt = 'Invalid volume type: %(reason)s'


class InvalidAvailabilityZone(Invalid):
    msg_fmt = 'Availability zone \'%(az)s\' is invalid.'


class VolumeNotFound(exception.NotFound):
    msg_fmt = 'Volume %(volume_id)s could not be found.'


class SnapshotNotFound(exception.NotFound):
    msg_fmt = 'Snapshot %(snapshot_id)s could not be found.'


class VolumeTypeNotFound(exception.NotFound):
    msg_fmt = 'Volume type %(volume_type_id)s could not be found.'


class VolumeTypeNotFoundByName(VolumeTypeNotFound):
    msg_fmt = 'Volume type with name %(volume_type_name)s could not be found.'


class AttachmentNotFound(exception.NotFound):
    msg_fmt = 'Volume attachment could not be found with filter: %(filter)s.'


class ImageNotFound(exception.NotFound):
    msg_fmt = 'Image %(image_id)s could not be found.'


class VolumeTypeExists(exception.Conflict):
    msg_fmt = 'Volume Type %(id)s already exists.'


class VolumeTypeInUse(Invalid):
    msg_fmt = ('Volume Type %(volume_type_id)s deletion is not allowed with volumes present '
               'with the type.')


class Conflict(exception.Conflict):
    msg_fmt = 'Conflict'


class PolicyNotAuthorized(exception.Forbidden):
    msg_fmt = "Policy doesn't allow %(action)s to be performed."


class QuotaError(exception.NovaException):
    code = 413
    msg_fmt = 'Quota exceeded: code=%(code)s'


class VolumeSizeExceedsAvailableQuota(QuotaError):
    msg_fmt = ('Requested volume or snapshot exceeds allowed %(name)s quota. Requested '
               '%(requested)sG, quota is %(quota)sG and %(consumed)sG has been consumed.')


class VolumeLimitExceeded(QuotaError):
    msg_fmt = "Maximum number of volumes allowed (%(allowed)d) exceeded for quota '%(name)s'."


class SnapshotLimitExceeded(QuotaError):
    msg_fmt = 'Maximum number of snapshots allowed (%(allowed)d) exceeded'


class VersionNotFound(exception.NovaException):
    code = 404
    msg_fmt = 'API version %(version)s is not supported on this method.'


class MarkerNotFound(exception.NotFound):
    msg_fmt = 'Marker %(marker)s could not be found.'


class VolumeTypeDefaultDeletionError(Invalid):
    msg_fmt = 'The volume type %(volume_type_id)s is a default volume type and cannot be deleted.'
