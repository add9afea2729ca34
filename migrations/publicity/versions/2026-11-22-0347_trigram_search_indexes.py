"""trigram search indexes

Revision ID: 6b8662d0602a
Revises: c26ad61e86b0
Create Date: 2026-11-22 03:47:25.329872+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "6b8662d0602a"
down_revision: str | None = "c26ad61e86b0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    with op.batch_alter_table("disclosures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disclosures_document_number"))
        batch_op.drop_index(batch_op.f("ix_disclosures_party_name"))
        batch_op.create_index(
            "ix_disclosures_document_number_trgm",
            ["document_number"],
            unique=False,
            postgresql_using="gin",
            postgresql_ops={"document_number": "gin_trgm_ops"},
        )
        batch_op.create_index(
            "ix_disclosures_party_name_trgm",
            ["party_name"],
            unique=False,
            postgresql_using="gin",
            postgresql_ops={"party_name": "gin_trgm_ops"},
        )



def downgrade() -> None:
    with op.batch_alter_table("disclosures", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_disclosures_party_name_trgm",
            postgresql_using="gin",
            postgresql_ops={"party_name": "gin_trgm_ops"},
        )
        batch_op.drop_index(
            "ix_disclosures_document_number_trgm",
            postgresql_using="gin",
            postgresql_ops={"document_number": "gin_trgm_ops"},
        )
        batch_op.create_index(batch_op.f("ix_disclosures_party_name"), ["party_name"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_disclosures_document_number"), ["document_number"], unique=False
        )

