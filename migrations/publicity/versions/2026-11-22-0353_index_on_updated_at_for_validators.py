"""index on updated_at for validators

Revision ID: 689a7847c6b9
Revises: 6b8662d0602a
Create Date: 2026-11-22 03:53:46.417215+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "689a7847c6b9"
down_revision: str | None = "6b8662d0602a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("disclosures", schema=None) as batch_op:
        batch_op.create_index("ix_disclosures_updated_at", ["updated_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("disclosures", schema=None) as batch_op:
        batch_op.drop_index("ix_disclosures_updated_at")
