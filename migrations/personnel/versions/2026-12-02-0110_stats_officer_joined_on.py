"""stats: officers.joined_on (统计 新增执法人员), backfilled with the day the row was created

Revision ID: 9e4b2d6a1c70
Revises: a7c3e1f05b21
Create Date: 2026-12-02 01:10:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9e4b2d6a1c70"
down_revision: str | None = "a7c3e1f05b21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("joined_on", sa.Date(), nullable=True))
    officers = sa.table("officers", sa.column("joined_on", sa.Date()),
                        sa.column("created_at", sa.DateTime()))
    sqlite = op.get_bind().dialect.name == "sqlite"  # SQLite's CAST AS DATE yields the year
    day = sa.func.date(officers.c.created_at) if sqlite else sa.cast(officers.c.created_at,
                                                                      sa.Date())
    op.execute(officers.update().where(officers.c.joined_on.is_(None)).values(joined_on=day))


def downgrade() -> None:
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.drop_column("joined_on")
