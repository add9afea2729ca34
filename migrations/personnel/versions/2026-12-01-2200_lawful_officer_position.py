"""officers.position: 负责人 (head / deputy_head) or staff

Revision ID: a7c3e1f05b21
Revises: 5ec0a7e51001
Create Date: 2026-12-01 22:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a7c3e1f05b21"
down_revision: str | None = "5ec0a7e51001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("position", sa.String(length=16), nullable=False,
                                      server_default="staff"))


def downgrade() -> None:
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.drop_column("position")
