"""insplic: draw seeds derived from a public value (commit–reveal)

Revision ID: e93b5c7a1f24
Revises: a1c5e0d7b311
Create Date: 2026-12-02 01:40:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = "e93b5c7a1f24"
down_revision: str | None = "a1c5e0d7b311"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("spot_check_plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seed_commitment", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("seed_committed_at", kit.db.UTCDateTime(timezone=True),
                                      nullable=True))
    with op.batch_alter_table("spot_check_draws", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seed_derivation", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("spot_check_draws", schema=None) as batch_op:
        batch_op.drop_column("seed_derivation")
    with op.batch_alter_table("spot_check_plans", schema=None) as batch_op:
        batch_op.drop_column("seed_committed_at")
        batch_op.drop_column("seed_commitment")
