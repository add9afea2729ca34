"""docs: 行政检查 and 许可 documents (issued_documents/document_services name an inspection or a
licence application instead of a case) and the licence application's hash-chained record

Revision ID: d0c5a1b2c3d4
Revises: d60537fcf147
Create Date: 2026-12-02 00:57:36.219167+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = "d0c5a1b2c3d4"
down_revision: str | None = "d60537fcf147"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "licence_record_entries",
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("officer_ids", sa.JSON(), nullable=False),
        sa.Column("occurred_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("payload_digest", sa.String(length=64), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["licence_applications.id"],
            name=op.f("fk_licence_record_entries_application_id_licence_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_licence_record_entries")),
        sa.UniqueConstraint(
            "application_id", "seq", name="uq_licence_record_entries_application_seq"
        ),
    )
    with op.batch_alter_table("document_services", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inspection_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("application_id", sa.Uuid(), nullable=True))
        batch_op.alter_column("case_id", existing_type=sa.Uuid(), nullable=True)

    with op.batch_alter_table("issued_documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inspection_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("application_id", sa.Uuid(), nullable=True))
        batch_op.alter_column("case_id", existing_type=sa.Uuid(), nullable=True)
        batch_op.create_index(
            "ix_issued_documents_application", ["application_id", "issued_at"], unique=False
        )
        batch_op.create_index(
            "ix_issued_documents_inspection", ["inspection_id", "issued_at"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_issued_documents_application_id_licence_applications"),
            "licence_applications",
            ["application_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_issued_documents_inspection_id_inspections"),
            "inspections",
            ["inspection_id"],
            ["id"],
            ondelete="CASCADE",
        )

    with op.batch_alter_table("licence_applications", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("timeline_seq", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "timeline_head",
                sa.String(length=64),
                server_default="0000000000000000000000000000000000000000000000000000000000000000",
                nullable=False,
            )
        )


def downgrade() -> None:
    # documents of inspections and applications have no case: they go with the columns
    op.execute("DELETE FROM document_services WHERE case_id IS NULL")
    op.execute("DELETE FROM issued_documents WHERE case_id IS NULL")
    with op.batch_alter_table("licence_applications", schema=None) as batch_op:
        batch_op.drop_column("timeline_head")
        batch_op.drop_column("timeline_seq")

    with op.batch_alter_table("issued_documents", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_issued_documents_inspection_id_inspections"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_issued_documents_application_id_licence_applications"),
            type_="foreignkey",
        )
        batch_op.drop_index("ix_issued_documents_inspection")
        batch_op.drop_index("ix_issued_documents_application")
        batch_op.alter_column("case_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.drop_column("application_id")
        batch_op.drop_column("inspection_id")

    with op.batch_alter_table("document_services", schema=None) as batch_op:
        batch_op.alter_column("case_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.drop_column("application_id")
        batch_op.drop_column("inspection_id")

    op.drop_table("licence_record_entries")
