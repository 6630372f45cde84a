"""The JSON schemas Glance publishes (``/v2/schemas/image``, ``/images``): what glanceclient reads
to tell base attributes from custom properties.  Descriptions are this project's own words."""

from novaapi.image import api

UUID_PATTERN = ('^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}'
                '-([0-9a-fA-F]){12}$')
NULL_STRING = ['null', 'string']


def _prop(kind, text, **extra):
    return dict(type=kind, description=text, **extra)


def _read_only(kind, text, **extra):
    return _prop(kind, text, readOnly=True, **extra)


def _custom(text, kind='string', **extra):
    return _prop(kind, text, is_base=False, **extra)


def image_properties():
    return {
        'id': _prop('string', 'Identifier of the image (a UUID).', pattern=UUID_PATTERN),
        'name': _prop(NULL_STRING, 'Name shown for the image.', maxLength=255),
        'status': _read_only('string', 'Where the image is in its life cycle.',
                             enum=['queued', 'saving', 'active', 'killed', 'deleted',
                                   'pending_delete', 'deactivated', 'uploading', 'importing']),
        'visibility': _prop('string', 'Who may see the image.', enum=list(api.VISIBILITIES)),
        'protected': _prop('boolean', 'A protected image cannot be deleted.'),
        'os_hidden': _prop('boolean', 'Hidden images stay out of default lists.'),
        'checksum': _read_only(NULL_STRING, 'MD5 of the data.', maxLength=32),
        'os_hash_algo': _read_only(NULL_STRING, 'Algorithm of os_hash_value.', maxLength=64),
        'os_hash_value': _read_only(NULL_STRING, 'Secure hash of the data.', maxLength=128),
        'owner': _prop(NULL_STRING, 'Project owning the image.', maxLength=255),
        'size': _read_only(['null', 'integer'], 'Bytes of data.'),
        'virtual_size': _read_only(['null', 'integer'], 'Bytes of the disk the data holds.'),
        'container_format': _prop(NULL_STRING, 'Container of the data.',
                                  enum=[None] + list(api.CONTAINER_FORMATS)),
        'disk_format': _prop(NULL_STRING, 'Disk format of the data.',
                             enum=[None] + list(api.DISK_FORMATS)),
        'created_at': _read_only('string', 'When the image was created.'),
        'updated_at': _read_only('string', 'When the image last changed.'),
        'tags': _prop('array', 'Free-form strings on the image.',
                      items={'type': 'string', 'maxLength': 255}),
        'direct_url': _read_only('string', 'Location of the data in its store.'),
        'min_ram': _prop('integer', 'RAM (MiB) a server booted from it needs.'),
        'min_disk': _prop('integer', 'Disk (GiB) a server booted from it needs.'),
        'self': _read_only('string', 'Path of the image.'),
        'file': _read_only('string', 'Path of its data.'),
        'schema': _read_only('string', 'Path of this schema.'),
        'locations': _prop('array', 'Where the data is kept.', items={
            'type': 'object', 'required': ['url', 'metadata'],
            'properties': {'url': {'type': 'string', 'maxLength': 255},
                           'metadata': {'type': 'object'}}}),
        'kernel_id': _custom('Image of the kernel (AMI style).', NULL_STRING, pattern=UUID_PATTERN),
        'ramdisk_id': _custom('Image of the ramdisk (AMI style).', NULL_STRING,
                              pattern=UUID_PATTERN),
        'instance_uuid': _custom('Server a snapshot was taken of.'),
        'architecture': _custom('CPU architecture the image runs on.'),
        'os_distro': _custom('Operating system distribution.'),
        'os_version': _custom('Operating system version.'),
    }


def image():
    return {'name': 'image', 'properties': image_properties(),
            'additionalProperties': {'type': 'string'},
            'links': [{'href': '{self}', 'rel': 'self'}, {'href': '{file}', 'rel': 'enclosure'},
                      {'href': '{schema}', 'rel': 'describedby'}]}


def images():
    return {'name': 'images',
            'properties': {'images': {'type': 'array', 'items': image()},
                           'first': {'type': 'string'}, 'next': {'type': 'string'},
                           'schema': {'type': 'string'}},
            'links': [{'href': '{first}', 'rel': 'first'}, {'href': '{next}', 'rel': 'next'},
                      {'href': '{schema}', 'rel': 'describedby'}]}


def member():
    return {'name': 'member', 'properties': {
        'created_at': _prop('string', 'When the image was shared with the member.'),
        'image_id': _prop('string', 'Identifier of the shared image.', pattern=UUID_PATTERN),
        'member_id': _prop('string', 'Project the image is shared with.'),
        'schema': {'readOnly': True, 'type': 'string'},
        'status': _prop('string', "The member's answer to the share.",
                        enum=['pending', 'accepted', 'rejected']),
        'updated_at': _prop('string', 'When the membership last changed.')}}


def members():
    return {'name': 'members',
            'properties': {'members': {'type': 'array', 'items': member()},
                           'schema': {'type': 'string'}},
            'links': [{'href': '{schema}', 'rel': 'describedby'}]}
