"""insplic: cases.licence_id, the licence a case concerns (城乡规划法第六十五条)

Revision ID: a1c5e0d7b311
Revises: d0c5a1b2c3d4
Create Date: 2026-12-02 01:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a1c5e0d7b311"
down_revision: str | None = "d0c5a1b2c3d4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("licence_id", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("licence_id")
