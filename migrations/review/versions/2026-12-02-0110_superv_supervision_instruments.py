"""superv: supervision instruments (监督文书) with steps; opinions migrated into them

The rows of `supervision_opinions` become instruments of kind `opinion` with the same ids
(findings → facts, required_actions → required_action, rectify_by → reply_due_on, the issue date
in Asia/Shanghai → issued_on) plus an `issued` step and, when replied, a `replied` step; then the
old table is dropped. The downgrade copies the opinions back (other kinds have no old home and
are dropped with the new tables).

Revision ID: 7c1e5a0b9d21
Revises: 7c2e9a41d5b3
Create Date: 2026-12-02 01:10:00+00:00
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = "7c1e5a0b9d21"
down_revision: str | None = "7c2e9a41d5b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = kit.db.UTCDateTime(timezone=True)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _opinion_cols() -> list[sa.Column]:
    return [
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("required_actions", sa.Text(), nullable=False),
        sa.Column("rectify_by", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("issued_at", TS, nullable=False),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("replied_by", sa.String(length=64), nullable=True),
        sa.Column("replied_at", TS, nullable=True),
        sa.Column("replied_late", sa.Boolean(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    ]


def _opinions() -> sa.Table:
    return sa.table("supervision_opinions", *[sa.column(c.name, c.type) for c in _opinion_cols()])


def _instruments() -> sa.Table:
    return sa.table(
        "supervision_instruments", *[sa.column(n, t) for n, t in [
            ("id", sa.Uuid()), ("kind", sa.String()), ("agency_id", sa.Uuid()),
            ("region_code", sa.String()), ("facts", sa.Text()), ("legal_basis", sa.Text()),
            ("required_action", sa.Text()), ("reply_due_on", sa.Date()),
            ("reply_due_provisional", sa.Boolean()), ("status", sa.String()),
            ("issued_by", sa.String()), ("issued_at", TS), ("issued_on", sa.Date()),
            ("reply", sa.Text()), ("replied_by", sa.String()), ("replied_at", TS),
            ("replied_late", sa.Boolean()), ("escalation_level", sa.Integer()),
            ("created_at", TS), ("updated_at", TS)]])


def _steps() -> sa.Table:
    return sa.table("supervision_instrument_steps", *[sa.column(n, t) for n, t in [
        ("id", sa.Uuid()), ("instrument_id", sa.Uuid()), ("kind", sa.String()),
        ("level", sa.Integer()), ("actor", sa.String()), ("at", TS), ("note", sa.Text())]])


def _legal_date(at: datetime):
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(SHANGHAI).date()


def upgrade() -> None:
    op.create_table(
        "supervision_instruments",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("action_id", sa.Uuid(), nullable=True),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("required_action", sa.Text(), nullable=False),
        sa.Column("reply_due_on", sa.Date(), nullable=False),
        sa.Column("reply_due_provisional", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("issued_at", TS, nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("rectification_report", sa.Text(), nullable=True),
        sa.Column("replied_by", sa.String(length=64), nullable=True),
        sa.Column("replied_at", TS, nullable=True),
        sa.Column("replied_late", sa.Boolean(), nullable=True),
        sa.Column("reviewed_by", sa.String(length=64), nullable=True),
        sa.Column("reviewed_at", TS, nullable=True),
        sa.Column("review_comment", sa.Text(), nullable=True),
        sa.Column("escalation_level", sa.Integer(), nullable=False),
        sa.Column("objection_status", sa.String(length=16), nullable=True),
        sa.Column("objection_reason", sa.Text(), nullable=True),
        sa.Column("objected_at", TS, nullable=True),
        sa.Column("objection_decision", sa.Text(), nullable=True),
        sa.Column("objection_decided_at", TS, nullable=True),
        sa.Column("closed_at", TS, nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_instruments")),
    )
    with op.batch_alter_table("supervision_instruments", schema=None) as batch_op:
        batch_op.create_index("ix_supervision_instruments_agency_issued",
                              ["agency_id", "issued_at", "id"], unique=False)
        batch_op.create_index("ix_supervision_instruments_region_issued",
                              ["region_code", "issued_at", "id"], unique=False)
        batch_op.create_index("ix_supervision_instruments_status_due",
                              ["status", "reply_due_on"], unique=False)
    op.create_table(
        "supervision_instrument_steps",
        sa.Column("instrument_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["instrument_id"], ["supervision_instruments.id"],
            name=op.f("fk_supervision_instrument_steps_instrument_id_supervision_instruments"),
            ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_instrument_steps")),
    )
    with op.batch_alter_table("supervision_instrument_steps", schema=None) as batch_op:
        batch_op.create_index("ix_supervision_instrument_steps_instrument_at",
                              ["instrument_id", "at", "id"], unique=False)
    _copy_opinions_in()
    with op.batch_alter_table("supervision_opinions", schema=None) as batch_op:
        batch_op.drop_index("ix_supervision_opinions_status_rectify")
        batch_op.drop_index("ix_supervision_opinions_region_issued")
        batch_op.drop_index("ix_supervision_opinions_agency_issued")
    op.drop_table("supervision_opinions")


def _copy_opinions_in() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(_opinions())).mappings().all()
    instruments, steps = [], []
    for r in rows:
        instruments.append({
            "id": r["id"], "kind": "opinion", "agency_id": r["agency_id"],
            "region_code": r["region_code"], "facts": r["findings"],
            "legal_basis": r["legal_basis"], "required_action": r["required_actions"],
            "reply_due_on": r["rectify_by"], "reply_due_provisional": False,
            "status": r["status"], "issued_by": r["issued_by"], "issued_at": r["issued_at"],
            "issued_on": _legal_date(r["issued_at"]), "reply": r["reply"],
            "replied_by": r["replied_by"], "replied_at": r["replied_at"],
            "replied_late": r["replied_late"], "escalation_level": 0,
            "created_at": r["created_at"], "updated_at": r["updated_at"]})
        steps.append({"id": uuid.uuid4(), "instrument_id": r["id"], "kind": "issued",
                      "level": None, "actor": r["issued_by"], "at": r["issued_at"],
                      "note": "由原监督意见书迁移"})
        if r["replied_at"] is not None:
            steps.append({"id": uuid.uuid4(), "instrument_id": r["id"], "kind": "replied",
                          "level": None, "actor": r["replied_by"] or r["issued_by"],
                          "at": r["replied_at"], "note": "逾期回复" if r["replied_late"] else None})
    if instruments:
        op.bulk_insert(_instruments(), instruments)
        op.bulk_insert(_steps(), steps)


def downgrade() -> None:
    op.create_table("supervision_opinions", *_opinion_cols(),
                    sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_opinions")))
    with op.batch_alter_table("supervision_opinions", schema=None) as batch_op:
        batch_op.create_index("ix_supervision_opinions_agency_issued",
                              ["agency_id", "issued_at", "id"], unique=False)
        batch_op.create_index("ix_supervision_opinions_region_issued",
                              ["region_code", "issued_at", "id"], unique=False)
        batch_op.create_index("ix_supervision_opinions_status_rectify",
                              ["status", "rectify_by"], unique=False)
    bind = op.get_bind()
    ins = _instruments()
    rows = bind.execute(sa.select(ins).where(ins.c.kind == "opinion")).mappings().all()
    back = [{"id": r["id"], "agency_id": r["agency_id"], "region_code": r["region_code"],
             "findings": r["facts"], "legal_basis": r["legal_basis"],
             "required_actions": r["required_action"], "rectify_by": r["reply_due_on"],
             "status": r["status"] if r["status"] in ("issued", "replied") else (
                 "replied" if r["replied_at"] is not None else "issued"),
             "issued_by": r["issued_by"], "issued_at": r["issued_at"], "reply": r["reply"],
             "replied_by": r["replied_by"], "replied_at": r["replied_at"],
             "replied_late": r["replied_late"], "created_at": r["created_at"],
             "updated_at": r["updated_at"]} for r in rows]
    if back:
        op.bulk_insert(_opinions(), back)
    with op.batch_alter_table("supervision_instrument_steps", schema=None) as batch_op:
        batch_op.drop_index("ix_supervision_instrument_steps_instrument_at")
    op.drop_table("supervision_instrument_steps")
    with op.batch_alter_table("supervision_instruments", schema=None) as batch_op:
        batch_op.drop_index("ix_supervision_instruments_status_due")
        batch_op.drop_index("ix_supervision_instruments_region_issued")
        batch_op.drop_index("ix_supervision_instruments_agency_issued")
    op.drop_table("supervision_instruments")
