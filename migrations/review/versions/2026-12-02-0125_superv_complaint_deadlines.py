"""superv: complaint intake ticket, acceptance/refusal reasons, extension, result notice

Revision ID: 8d2f6b1c3e40
Revises: 7c1e5a0b9d21
Create Date: 2026-12-02 01:25:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = "8d2f6b1c3e40"
down_revision: str | None = "7c1e5a0b9d21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = kit.db.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_ticket_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("decision_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("refused_at", TS, nullable=True))
        batch_op.add_column(sa.Column("extended_at", TS, nullable=True))
        batch_op.add_column(sa.Column("extension_approved_by", sa.String(length=64),
                                      nullable=True))
        batch_op.add_column(sa.Column("extension_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("result_told_at", TS, nullable=True))
        batch_op.add_column(sa.Column("result_told_via", sa.String(length=16), nullable=True))
        batch_op.create_index("ix_complaints_channel_ticket", ["channel", "external_ticket_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index("ix_complaints_channel_ticket")
        for name in ("result_told_via", "result_told_at", "extension_reason",
                     "extension_approved_by", "extended_at", "refused_at", "decision_reason",
                     "external_ticket_id"):
            batch_op.drop_column(name)
