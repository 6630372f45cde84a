"""Armed fault-injection behaviours (``/v2.1/_sim/behaviours``), shared by every process.

A row is one behaviour: its ``kind``, what it matches (project, server name
pattern, flavor, image, host; or a request's method and path), what it does
(fault code and message, delay, the action it targets) and how often:
``remaining`` counts down from ``count`` with an atomic update, so N means N
across every worker and process on the database; NULL means until deleted.
"""

import sqlalchemy as sa

from novaapi.db import base
from novaapi.db import generations

NAME = sa.String(255)


class Behaviour(base.Base, base.TimestampMixin):
    __tablename__ = 'sim_behaviours'
    __table_args__ = (sa.UniqueConstraint('uuid', name='uniq_sim_behaviours0uuid'),
                      sa.Index('sim_behaviours_kind_idx', 'kind'),
                      {'sqlite_autoincrement': True})

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(sa.String(36), nullable=False, default=base.new_uuid)
    kind = sa.Column(sa.String(32), nullable=False)
    # matchers: NULL matches anything
    project_id = sa.Column(NAME, nullable=True)
    name = sa.Column(NAME, nullable=True)
    flavor = sa.Column(NAME, nullable=True)
    image = sa.Column(NAME, nullable=True)
    host = sa.Column(NAME, nullable=True)
    action = sa.Column(sa.String(32), nullable=True)
    method = sa.Column(sa.String(16), nullable=True)
    path = sa.Column(NAME, nullable=True)
    # effect
    status = sa.Column(sa.Integer, nullable=True)
    message = sa.Column(sa.Text, nullable=True)
    delay = sa.Column(sa.Float, nullable=True)
    # how often
    count = sa.Column(sa.Integer, nullable=True)
    remaining = sa.Column(sa.Integer, nullable=True)
    fired = sa.Column(sa.Integer, nullable=False, default=0)


# Arming, disarming and taking a turn bump this generation: a worker that found no
# api-fault armed skips the query until it changes (compute.behaviours.api_fault).
GENERATION = 'behaviours'
generations.watch(GENERATION, [Behaviour.__tablename__])
