"""insplic: inspection_disclosures (双随机、一公开: items, task announcements, results)

Revision ID: d41f6a8e2c97
Revises: b7e2c91d4a05
Create Date: 2026-12-02 01:35:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = "d41f6a8e2c97"
down_revision: str | None = "b7e2c91d4a05"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inspection_disclosures",
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=True),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("published_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_disclosures")),
        sa.UniqueConstraint("kind", "source_id", name="uq_inspection_disclosures_kind_source"),
    )
    with op.batch_alter_table("inspection_disclosures", schema=None) as batch_op:
        batch_op.create_index("ix_inspection_disclosures_feed", ["kind", "published_at", "id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("inspection_disclosures", schema=None) as batch_op:
        batch_op.drop_index("ix_inspection_disclosures_feed")
    op.drop_table("inspection_disclosures")
