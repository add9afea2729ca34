"""secauth: session versions per user

Revision ID: 5ec0a7e51001
Revises: b6f7f56df1f6
Create Date: 2026-12-01 22:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = "5ec0a7e51001"
down_revision: str | None = "b6f7f56df1f6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_version", sa.Integer(), nullable=False,
                                      server_default="1"))
        batch_op.add_column(sa.Column("session_changed_at", kit.db.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.create_index("ix_users_session_changed_at", ["session_changed_at"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index("ix_users_session_changed_at")
        batch_op.drop_column("session_changed_at")
        batch_op.drop_column("session_version")
