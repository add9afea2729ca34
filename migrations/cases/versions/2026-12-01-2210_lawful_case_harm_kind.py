"""cases.harm_kind: 危害后果 recorded for the 5-year limitation (行政处罚法第三十六条)

Revision ID: c5d2b7e8a913
Revises: 0eb6c3d39754
Create Date: 2026-12-01 22:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c5d2b7e8a913"
down_revision: str | None = "0eb6c3d39754"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("harm_kind", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("harm_kind")
