"""insplic: inspection_caps, the per-agency cap table by credit-risk class

Revision ID: f2a8d6b4c310
Revises: e93b5c7a1f24
Create Date: 2026-12-02 01:50:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = "f2a8d6b4c310"
down_revision: str | None = "e93b5c7a1f24"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inspection_caps",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("target_class", sa.String(length=8), nullable=False),
        sa.Column("annual_limit", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=300), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_caps")),
        sa.UniqueConstraint("agency_id", "target_class", name="uq_inspection_caps_agency_class"),
    )


def downgrade() -> None:
    op.drop_table("inspection_caps")
