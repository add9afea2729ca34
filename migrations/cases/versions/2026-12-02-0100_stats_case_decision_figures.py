"""stats: cases decision figures (decision_kind, report_rank, confiscation_fen, mitigation,
no_penalty_ground) for the 统计年报 表一, with indexes on decided_on

Revision ID: 5a7d1c0e3b42
Revises: c5d2b7e8a913
Create Date: 2026-12-02 01:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5a7d1c0e3b42"
down_revision: str | None = "c5d2b7e8a913"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decision_kind", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("report_rank", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("confiscation_fen", sa.BigInteger(), nullable=False,
                                      server_default="0"))
        batch_op.add_column(sa.Column("mitigation", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("no_penalty_ground", sa.String(length=16), nullable=True))
        batch_op.create_index("ix_cases_agency_decided_on", ["agency_id", "decided_on"])
        batch_op.create_index("ix_cases_region_decided_on", ["region_code", "decided_on"])
    _backfill()


def _backfill() -> None:
    """Decisions written before this revision: the same values the decision code now writes."""
    from services.cases.penalties import CONFISCATION_KINDS, report_rank

    bind = op.get_bind()
    cases = sa.table("cases", sa.column("id", sa.Uuid()), sa.column("decision", sa.JSON()),
                     sa.column("conclusion", sa.JSON()), sa.column("decision_kind", sa.String()),
                     sa.column("report_rank", sa.Integer()),
                     sa.column("confiscation_fen", sa.BigInteger()),
                     sa.column("mitigation", sa.String()))
    rows = bind.execute(sa.select(cases.c.id, cases.c.decision, cases.c.conclusion).where(
        cases.c.decision.is_not(None))).all()
    for case_id, decision, conclusion in rows:
        penalties = (decision or {}).get("penalties") or []
        kind = (decision or {}).get("kind") or "penalty"
        mitigation = (decision or {}).get("mitigation") or (conclusion or {}).get("mitigation")
        bind.execute(cases.update().where(cases.c.id == case_id).values(
            decision_kind=kind,
            report_rank=report_rank(p["kind"] for p in penalties) if kind == "penalty" else None,
            confiscation_fen=sum(int(p.get("amount_fen") or 0) for p in penalties
                                 if p["kind"] in CONFISCATION_KINDS),
            mitigation=mitigation if mitigation in ("lighter", "reduced") else None))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_region_decided_on")
        batch_op.drop_index("ix_cases_agency_decided_on")
        for column in ("no_penalty_ground", "mitigation", "confiscation_fen", "report_rank",
                       "decision_kind"):
            batch_op.drop_column(column)
