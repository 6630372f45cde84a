"""What the other services may ask identity: batch look-ups in the caller's own transaction.

Compute, image and network use identity only through this module.  Every
function takes the caller's open session (their transaction commits) and
answers for many ids or names in one query.
"""

import sqlalchemy as sa

from novaapi.identity import bootstrap
from novaapi.identity import models


def existing_project_ids(sess, project_ids):
    """The subset of ``project_ids`` naming projects that exist, as a set."""
    project_ids = set(project_ids)
    if not project_ids:
        return set()
    return set(sess.scalars(sa.select(models.Project.id)
                            .where(models.Project.id.in_(project_ids))))


def project_ids_by_name(sess, names, domain_id=bootstrap.DEFAULT_DOMAIN_ID):
    """``{name: project id}`` for the ``names`` that exist in ``domain_id``."""
    names = set(names)
    if not names:
        return {}
    rows = sess.execute(sa.select(models.Project.name, models.Project.id)
                        .where(models.Project.domain_id == domain_id,
                               models.Project.name.in_(names)))
    return {name: project_id for name, project_id in rows}
