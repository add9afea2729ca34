"""report: public 统计年报 tables (annual_statistics)

Revision ID: 3b8d6f20e9a1
Revises: c86ddaa0650b
Create Date: 2026-12-02 01:20:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = "3b8d6f20e9a1"
down_revision: str | None = "c86ddaa0650b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "annual_statistics",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=True),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("replaces_id", sa.Uuid(), nullable=True),
        sa.Column("tables", sa.JSON(), nullable=False),
        sa.Column("finalised_at", kit.db.UTCDateTime(), nullable=False),
        sa.Column("published_at", kit.db.UTCDateTime(), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annual_statistics")),
    )
    with op.batch_alter_table("annual_statistics", schema=None) as batch_op:
        batch_op.create_index("ix_annual_statistics_region_published",
                              ["region_code", "published_at", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("annual_statistics", schema=None) as batch_op:
        batch_op.drop_index("ix_annual_statistics_region_published")
    op.drop_table("annual_statistics")
