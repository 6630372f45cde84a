"""Flavors, their extra specs and the projects a private flavor is shared with."""

import sqlalchemy as sa
from sqlalchemy import orm

from novaapi.db import base
from novaapi.db import generations


class Flavor(base.Base, base.TimestampMixin):
    __tablename__ = 'flavors'
    __table_args__ = (sa.UniqueConstraint('flavorid', name='uniq_flavors0flavorid'),
                      sa.UniqueConstraint('name', name='uniq_flavors0name'))

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    flavorid = sa.Column(sa.String(255), nullable=False)
    name = sa.Column(sa.String(255), nullable=False)
    memory_mb = sa.Column(sa.Integer, nullable=False)
    vcpus = sa.Column(sa.Integer, nullable=False)
    root_gb = sa.Column(sa.Integer, nullable=False, default=0)
    ephemeral_gb = sa.Column(sa.Integer, nullable=False, default=0)
    swap = sa.Column(sa.Integer, nullable=False, default=0)
    rxtx_factor = sa.Column(sa.Float, nullable=False, default=1.0)
    vcpu_weight = sa.Column(sa.Integer, nullable=True)
    disabled = sa.Column(sa.Boolean, nullable=False, default=False)
    is_public = sa.Column(sa.Boolean, nullable=False, default=True)
    description = sa.Column(sa.Text, nullable=True)

    extra_specs = orm.relationship('FlavorExtraSpec', cascade='all, delete-orphan',
                                   lazy='selectin', order_by='FlavorExtraSpec.key')
    projects = orm.relationship('FlavorProject', cascade='all, delete-orphan', lazy='select')

    @property
    def extra_specs_dict(self):
        return {spec.key: spec.value for spec in self.extra_specs}


class FlavorExtraSpec(base.Base, base.TimestampMixin):
    __tablename__ = 'flavor_extra_specs'
    __table_args__ = (sa.UniqueConstraint('flavor_id', 'key', name='uniq_flavor_extra_specs0flavor_id0key'),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    flavor_id = sa.Column(sa.Integer, sa.ForeignKey('flavors.id', ondelete='CASCADE'), nullable=False)
    key = sa.Column(sa.String(255), nullable=False)
    value = sa.Column(sa.String(255), nullable=True)


class FlavorProject(base.Base, base.TimestampMixin):
    __tablename__ = 'flavor_projects'
    __table_args__ = (sa.UniqueConstraint('flavor_id', 'project_id',
                                          name='uniq_flavor_projects0flavor_id0project_id'),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    flavor_id = sa.Column(sa.Integer, sa.ForeignKey('flavors.id', ondelete='CASCADE'), nullable=False)
    project_id = sa.Column(sa.String(255), nullable=False)


# Any write to a flavor, its extra specs or its access list bumps this generation; the
# flavors a boot or a resize reads are kept per process until it moves (compute.flavors.facts).
GENERATION = 'flavors'
generations.watch(GENERATION, [Flavor.__tablename__, FlavorExtraSpec.__tablename__,
                               FlavorProject.__tablename__])
