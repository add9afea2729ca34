"""report: annual reports (年度报告 / 统计年报 snapshots)

Revision ID: 7c2e9a41d5b3
Revises: dad677f5977f
Create Date: 2026-12-02 01:05:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = "7c2e9a41d5b3"
down_revision: str | None = "dad677f5977f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "annual_reports",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=True),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("scope_key", sa.String(length=64), nullable=False),
        sa.Column("scope_name", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("replaces_id", sa.Uuid(), nullable=True),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("narrative", sa.JSON(), nullable=False),
        sa.Column("previous_year_id", sa.Uuid(), nullable=True),
        sa.Column("made_by", sa.String(length=64), nullable=False),
        sa.Column("made_at", kit.db.UTCDateTime(), nullable=False),
        sa.Column("finalised_by", sa.String(length=64), nullable=True),
        sa.Column("finalised_at", kit.db.UTCDateTime(), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annual_reports")),
    )
    with op.batch_alter_table("annual_reports", schema=None) as batch_op:
        batch_op.create_index("ix_annual_reports_agency_made",
                              ["agency_id", "made_at", "id"], unique=False)
        batch_op.create_index("ix_annual_reports_region_made",
                              ["region_code", "made_at", "id"], unique=False)
        batch_op.create_index("ix_annual_reports_scope",
                              ["scope_key", "kind", "year", "number"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("annual_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_annual_reports_scope")
        batch_op.drop_index("ix_annual_reports_region_made")
        batch_op.drop_index("ix_annual_reports_agency_made")
    op.drop_table("annual_reports")
