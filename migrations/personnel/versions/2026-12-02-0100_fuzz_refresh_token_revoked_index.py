"""fuzz index refresh_tokens.revoked_at (single-session logout cut, issue 10 point 11)

Revision ID: f7a2c9d41e10
Revises: 9e4b2d6a1c70
Create Date: 2026-12-02 01:00:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "f7a2c9d41e10"
down_revision: str | None = "9e4b2d6a1c70"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_refresh_tokens_revoked_at"), ["revoked_at"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refresh_tokens_revoked_at"))
