"""cases: the officer list filter walks an index in order — `case_officers.case_created_at`
(the case's `created_at`, copied; it never changes) and an index (officer_id, case_created_at,
case_id)

Moves data: every existing row gets its case's `created_at`.

Revision ID: c3e8a61f0b27
Revises: b7d41e9c2a58
Create Date: 2026-12-04 02:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = "c3e8a61f0b27"
down_revision: str | None = "b7d41e9c2a58"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case_officers") as batch:
        batch.add_column(sa.Column("case_created_at", kit.db.UTCDateTime(timezone=True),
                                   nullable=True))
    op.execute("UPDATE case_officers SET case_created_at = (SELECT cases.created_at FROM cases "
               "WHERE cases.id = case_officers.case_id)")
    with op.batch_alter_table("case_officers") as batch:
        batch.alter_column("case_created_at", existing_type=kit.db.UTCDateTime(timezone=True),
                           nullable=False)
        batch.create_index("ix_case_officers_officer_created",
                           ["officer_id", "case_created_at", "case_id"])
    if op.get_bind().dialect.name == "postgresql":  # the planner's statistics for the new
        op.execute("ANALYZE case_officers")  # index now, not at the next autovacuum


def downgrade() -> None:
    with op.batch_alter_table("case_officers") as batch:
        batch.drop_index("ix_case_officers_officer_created")
        batch.drop_column("case_created_at")
