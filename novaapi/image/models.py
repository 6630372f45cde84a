"""Image records (the bytes live in :mod:`novaapi.image.store`): Glance's image, its custom
properties, tags and members."""

import sqlalchemy as sa
from sqlalchemy import orm

from novaapi.db import base
from novaapi.db import generations

# Attributes Glance keeps in its own columns; anything else is a custom property.
CORE_ATTRIBUTES = ('name', 'status', 'visibility', 'owner', 'size', 'virtual_size',
                   'disk_format', 'container_format', 'min_disk', 'min_ram', 'protected',
                   'os_hidden', 'checksum', 'os_hash_algo', 'os_hash_value')
# Keys the server sets or computes; a client may not write them.
READ_ONLY = ('id', 'status', 'owner', 'size', 'virtual_size', 'checksum', 'os_hash_algo',
             'os_hash_value', 'created_at', 'updated_at', 'self', 'file', 'schema', 'locations',
             'direct_url', 'stores')


class Image(base.Base, base.TimestampMixin):
    __tablename__ = 'image_images'
    __table_args__ = (sa.Index('image_images_created_at_idx', 'created_at', 'id'),
                      sa.Index('image_images_owner_idx', 'owner'))

    id = sa.Column(sa.String(36), primary_key=True, default=base.new_uuid)
    name = sa.Column(sa.String(255), nullable=True)
    status = sa.Column(sa.String(30), nullable=False, default='queued')
    visibility = sa.Column(sa.String(20), nullable=False, default='shared')
    owner = sa.Column(sa.String(255), nullable=True)
    size = sa.Column(sa.BigInteger, nullable=True)
    virtual_size = sa.Column(sa.BigInteger, nullable=True)
    disk_format = sa.Column(sa.String(20), nullable=True)
    container_format = sa.Column(sa.String(20), nullable=True)
    min_disk = sa.Column(sa.Integer, nullable=False, default=0)
    min_ram = sa.Column(sa.Integer, nullable=False, default=0)
    protected = sa.Column(sa.Boolean, nullable=False, default=False)
    os_hidden = sa.Column(sa.Boolean, nullable=False, default=False)
    checksum = sa.Column(sa.String(32), nullable=True)
    os_hash_algo = sa.Column(sa.String(64), nullable=True)
    os_hash_value = sa.Column(sa.String(128), nullable=True)

    properties = orm.relationship('ImageProperty', cascade='all, delete-orphan',
                                  lazy='selectin', order_by='ImageProperty.name')
    tags = orm.relationship('ImageTag', cascade='all, delete-orphan', lazy='selectin',
                            order_by='ImageTag.value')
    members = orm.relationship('ImageMember', cascade='all, delete-orphan', lazy='select')

    @property
    def properties_dict(self):
        return {prop.name: prop.value for prop in self.properties}

    @property
    def tag_list(self):
        return [tag.value for tag in self.tags]


class ImageProperty(base.Base):
    __tablename__ = 'image_properties'
    __table_args__ = (sa.UniqueConstraint('image_id', 'name', name='uniq_image_properties0image_id0name'),
                      sa.Index('image_properties_name_idx', 'name'))

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    image_id = sa.Column(sa.String(36), sa.ForeignKey('image_images.id', ondelete='CASCADE'),
                         nullable=False)
    name = sa.Column(sa.String(255), nullable=False)
    value = sa.Column(sa.Text, nullable=True)


class ImageTag(base.Base):
    __tablename__ = 'image_tags'
    __table_args__ = (sa.UniqueConstraint('image_id', 'value', name='uniq_image_tags0image_id0value'),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    image_id = sa.Column(sa.String(36), sa.ForeignKey('image_images.id', ondelete='CASCADE'),
                         nullable=False)
    value = sa.Column(sa.String(255), nullable=False)


class ImageMember(base.Base, base.TimestampMixin):
    """A project an image is shared with, and whether it took the image (Glance's membership)."""

    __tablename__ = 'image_members'
    __table_args__ = (sa.UniqueConstraint('image_id', 'member', name='uniq_image_members0image_id0member'),
                      sa.Index('image_members_member_idx', 'member', 'status'))

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    image_id = sa.Column(sa.String(36), sa.ForeignKey('image_images.id', ondelete='CASCADE'),
                         nullable=False)
    member = sa.Column(sa.String(255), nullable=False)
    status = sa.Column(sa.String(20), nullable=False, default='pending')


# A write to an image, its properties or its members bumps this generation; the images
# servers are built from are kept per process until it moves (image.api.server_image).
GENERATION = 'images'
generations.watch(GENERATION, [Image.__tablename__, ImageProperty.__tablename__,
                               ImageMember.__tablename__])
