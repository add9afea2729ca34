"""superv2: social evaluation (社会评议) of proposed decisions; instrument documents (.docx)

Revision ID: b7e2c4d9a1f3
Revises: a4b8c1d2e3f5
Create Date: 2026-12-02 05:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = "b7e2c4d9a1f3"
down_revision: str | None = "a4b8c1d2e3f5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "social_evaluations",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("case_number", sa.String(length=100), nullable=True),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("seed", sa.String(length=200), nullable=False),
        sa.Column("algorithm", sa.String(length=40), nullable=False),
        sa.Column("pool", sa.JSON(), nullable=False),
        sa.Column("pool_hash", sa.String(length=64), nullable=False),
        sa.Column("panel_size", sa.Integer(), nullable=False),
        sa.Column("panel", sa.JSON(), nullable=False),
        sa.Column("exclusions", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("opened_by", sa.String(length=64), nullable=False),
        sa.Column("opened_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.JSON(), nullable=True),
        sa.Column("concluded_by", sa.String(length=64), nullable=True),
        sa.Column("concluded_at", kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("answer", sa.String(length=16), nullable=True),
        sa.Column("answer_reasons", sa.Text(), nullable=True),
        sa.Column("answered_by", sa.String(length=64), nullable=True),
        sa.Column("answered_at", kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_evaluations")),
        sa.UniqueConstraint("case_id", name="uq_social_evaluations_case"),
    )
    with op.batch_alter_table("social_evaluations", schema=None) as batch_op:
        batch_op.create_index("ix_social_evaluations_agency_opened",
                              ["agency_id", "opened_at", "id"], unique=False)
        batch_op.create_index("ix_social_evaluations_region_opened",
                              ["region_code", "opened_at", "id"], unique=False)
    op.create_table(
        "social_evaluation_opinions",
        sa.Column("evaluation_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("legality", sa.String(length=12), nullable=False),
        sa.Column("reasonableness", sa.String(length=12), nullable=False),
        sa.Column("fairness", sa.String(length=12), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["evaluation_id"], ["social_evaluations.id"],
                                name=op.f("fk_social_evaluation_opinions_evaluation_id_social_evaluations"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_evaluation_opinions")),
        sa.UniqueConstraint("evaluation_id", "member_id",
                            name="uq_social_evaluation_opinions_member"),
    )

    op.create_table(
        "social_evaluation_seats",
        sa.Column("evaluation_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["evaluation_id"], ["social_evaluations.id"],
                                name=op.f("fk_social_evaluation_seats_evaluation_id_social_evaluations"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_evaluation_seats")),
        sa.UniqueConstraint("evaluation_id", "member_id",
                            name="uq_social_evaluation_seats_member"),
    )
    with op.batch_alter_table("social_evaluation_seats", schema=None) as batch_op:
        batch_op.create_index("ix_social_evaluation_seats_user", ["user_id", "evaluation_id"],
                              unique=False)
    op.create_table(
        "supervision_instrument_documents",
        sa.Column("instrument_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("number_scope", sa.String(length=12), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=False),
        sa.Column("template_version", sa.String(length=20), nullable=False),
        sa.Column("template_sha256", sa.String(length=64), nullable=False),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("context_sha256", sa.String(length=64), nullable=False),
        sa.Column("docx", sa.LargeBinary(), nullable=False),
        sa.Column("docx_sha256", sa.String(length=64), nullable=False),
        sa.Column("issued_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["instrument_id"], ["supervision_instruments.id"],
            name=op.f("fk_supervision_instrument_documents_instrument_id_supervision_instruments"),
            ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_instrument_documents")),
        sa.UniqueConstraint("instrument_id",
                            name=op.f("uq_supervision_instrument_documents_instrument_id")),
        sa.UniqueConstraint("number_scope", "kind", "year", "seq",
                            name="uq_supervision_instrument_documents_seq"),
    )


def downgrade() -> None:
    op.drop_table("supervision_instrument_documents")
    with op.batch_alter_table("social_evaluation_seats", schema=None) as batch_op:
        batch_op.drop_index("ix_social_evaluation_seats_user")
    op.drop_table("social_evaluation_seats")
    op.drop_table("social_evaluation_opinions")
    with op.batch_alter_table("social_evaluations", schema=None) as batch_op:
        batch_op.drop_index("ix_social_evaluations_region_opened")
        batch_op.drop_index("ix_social_evaluations_agency_opened")
    op.drop_table("social_evaluations")
