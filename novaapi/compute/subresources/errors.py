"""Errors of the server sub-resources, each with the status and message Nova answers with."""

from novaapi import exception


MetadataLimitExceeded = exception.MetadataLimitExceeded


class MetadataItemNotFound(exception.NotFound):
    msg_fmt = 'Metadata item was not found'


class NotAMemberOfNetwork(exception.NotFound):
    msg_fmt = 'Instance is not a member of specified network'


class InstanceMappingNotFound(exception.NotFound):
    msg_fmt = 'Instance %(uuid)s has no mapping to a cell.'


class InstanceTagNotFound(exception.NotFound):
    msg_fmt = "Instance %(instance_id)s has no tag '%(tag)s'"


class ServerTagNotFound(exception.NotFound):
    msg_fmt = "Server %(server_id)s has no tag '%(tag)s'"


class TooManyTags(exception.Invalid):
    msg_fmt = 'The number of tags exceeded the per-server limit %(limit)d'


class InvalidTag(exception.Invalid):
    msg_fmt = ("Tag '%(tag)s' is invalid. It must be a non empty string without characters '/' "
               "and ','. Validation error message: %(err)s")


class ActionNotFound(exception.NotFound):
    msg_fmt = 'Action %(request_id)s not found'


class MarkerNotFound(exception.Invalid):
    msg_fmt = 'Marker %(marker)s could not be found.'


class InterfaceNotAttached(exception.NotFound):
    msg_fmt = 'Instance %(instance)s does not have a port with id %(port)s'


class InterfaceAttachFailedNoNetwork(exception.Invalid):
    msg_fmt = ("No specific network was requested and none are available for project "
               "'%(project_id)s'.")


class NetworkAmbiguous(exception.Invalid):
    msg_fmt = ('More than one possible network found. Specify network ID(s) to select which '
               'one(s) to connect to.')


class FixedIpAlreadyInUse(exception.Conflict):
    msg_fmt = 'Fixed IP address %(address)s is already in use on instance %(instance_uuid)s.'


class VolumeNotAttached(exception.NotFound):
    msg_fmt = 'Instance %(instance)s is not attached to volume %(volume)s'


class VolumeBDMNotFound(exception.NotFound):
    msg_fmt = 'No volume Block Device Mapping with id %(volume_id)s.'


class InvalidVolume(exception.Invalid):
    msg_fmt = 'Invalid volume: %(reason)s'


class InvalidDevicePath(exception.Invalid):
    msg_fmt = 'The supplied device path (%(path)s) is invalid.'


class DevicePathInUse(exception.Conflict):
    msg_fmt = 'The supplied device path (%(path)s) is in use.'


class VolumeTaggedAttachToShelvedNotSupported(exception.Invalid):
    msg_fmt = 'Tagged volume attachment is not supported for shelved-offloaded instances.'


class MigrationNotFoundForInstance(exception.NotFound):
    msg_fmt = 'Migration %(migration_id)s not found for instance %(instance_id)s'


class InvalidMigrationState(exception.Invalid):
    msg_fmt = ('Migration %(migration_id)s state of instance %(instance_uuid)s is %(state)s. '
               'Cannot %(method)s while the migration is in this state.')


class ConsoleTypeInvalid(exception.Invalid):
    msg_fmt = 'Invalid console type %(console_type)s'


class ConsoleTypeUnavailable(exception.Invalid):
    msg_fmt = 'Unavailable console type %(console_type)s.'


class TokenNotFound(exception.NotFound):
    msg_fmt = 'Token not found'
