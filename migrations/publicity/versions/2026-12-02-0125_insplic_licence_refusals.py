"""insplic: licence_disclosures.granted (不予行政许可 records, 行政许可法第五条)

Revision ID: b7e2c91d4a05
Revises: 3b8d6f20e9a1
Create Date: 2026-12-02 01:25:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b7e2c91d4a05"
down_revision: str | None = "3b8d6f20e9a1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("licence_disclosures", schema=None) as batch_op:
        batch_op.add_column(sa.Column("granted", sa.Boolean(), nullable=False,
                                      server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("licence_disclosures", schema=None) as batch_op:
        batch_op.drop_column("granted")
