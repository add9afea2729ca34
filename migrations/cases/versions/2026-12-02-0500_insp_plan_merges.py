"""insp: plan periods, drawn-target match rows, merged plans (综合查一次) and joint tasks

Moves data: every existing plan gets its year as its period; every existing draw's drawn
enterprises (those with a 统一社会信用代码 in the registry) become match rows.

Revision ID: b7d41e9c2a58
Revises: 9615a2b6de22
Create Date: 2026-12-02 05:00:00+00:00
"""

import json
import uuid
from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = "b7d41e9c2a58"
down_revision: str | None = "9615a2b6de22"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _uuid(v: object) -> uuid.UUID:
    return v if isinstance(v, uuid.UUID) else uuid.UUID(str(v))


def _backfill() -> None:
    bind = op.get_bind()
    plans_t = sa.table("spot_check_plans", sa.column("id", sa.Uuid()),
                       sa.column("year", sa.Integer()), sa.column("agency_id", sa.Uuid()),
                       sa.column("region_code", sa.String()),
                       sa.column("period_start", sa.Date()), sa.column("period_end", sa.Date()))
    plans = {r.id: r for r in bind.execute(sa.select(
        plans_t.c.id, plans_t.c.year, plans_t.c.agency_id, plans_t.c.region_code))}
    for p in plans.values():
        bind.execute(plans_t.update().where(plans_t.c.id == p.id).values(
            period_start=date(p.year, 1, 1), period_end=date(p.year, 12, 31)))
    draws_t = sa.table("spot_check_draws", sa.column("id", sa.Uuid()),
                       sa.column("plan_id", sa.Uuid()), sa.column("targets", sa.JSON()),
                       sa.column("drawn_at", kit.db.UTCDateTime(timezone=True)))
    targets_t = sa.table("inspection_targets", sa.column("id", sa.Uuid()),
                         sa.column("uscc", sa.String()), sa.column("name", sa.String()))
    rows_t = sa.table("spot_check_plan_targets", *(sa.column(c, sa.Uuid()) for c in (
        "id", "plan_id", "draw_id", "agency_id", "target_id")), sa.column("year", sa.Integer()),
        *(sa.column(c, sa.String()) for c in ("region_code", "target_uscc", "target_name")))
    seen: set[tuple[uuid.UUID, uuid.UUID]] = set()
    for d in bind.execute(sa.select(draws_t).order_by(draws_t.c.drawn_at, draws_t.c.id)):
        drawn = d.targets if isinstance(d.targets, list) else json.loads(d.targets or "[]")
        ids = [_uuid(t["target_id"]) for t in drawn]
        if not ids or d.plan_id not in plans:
            continue
        p = plans[d.plan_id]
        for t in bind.execute(sa.select(targets_t).where(targets_t.c.id.in_(ids),
                                                         targets_t.c.uscc.is_not(None))):
            if (p.id, t.id) in seen:
                continue
            seen.add((p.id, t.id))
            bind.execute(rows_t.insert().values(
                id=uuid.uuid4(), plan_id=p.id, draw_id=d.id, agency_id=p.agency_id,
                region_code=p.region_code, year=p.year, target_id=t.id, target_uscc=t.uscc,
                target_name=t.name))


def upgrade() -> None:
    with op.batch_alter_table("spot_check_plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("period_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("period_end", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("merge_id", sa.Uuid(), nullable=True))
    op.create_table(
        "spot_check_plan_targets",
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("draw_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Uuid(), nullable=False),
        sa.Column("target_uscc", sa.String(length=18), nullable=False),
        sa.Column("target_name", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["spot_check_plans.id"],
                                name=op.f("fk_spot_check_plan_targets_plan_id_spot_check_plans"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spot_check_plan_targets")),
        sa.UniqueConstraint("plan_id", "target_id",
                            name="uq_spot_check_plan_targets_plan_target"),
    )
    op.create_index("ix_spot_check_plan_targets_year_uscc", "spot_check_plan_targets",
                    ["year", "target_uscc", "agency_id"], unique=False)
    _backfill()
    with op.batch_alter_table("spot_check_plans", schema=None) as batch_op:
        batch_op.alter_column("period_start", existing_type=sa.Date(), nullable=False)
        batch_op.alter_column("period_end", existing_type=sa.Date(), nullable=False)
    op.create_table(
        "inspection_plan_merges",
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("plan_ids", sa.JSON(), nullable=False),
        sa.Column("agency_ids", sa.JSON(), nullable=False),
        sa.Column("lead_agency_id", sa.Uuid(), nullable=False),
        sa.Column("cap_counting", sa.String(length=12), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=120), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_plan_merges")),
    )
    op.create_index("ix_inspection_plan_merges_region_year", "inspection_plan_merges",
                    ["region_code", "year"], unique=False)
    op.create_table(
        "inspection_joint_tasks",
        sa.Column("merge_id", sa.Uuid(), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("target_uscc", sa.String(length=18), nullable=False),
        sa.Column("target_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["merge_id"], ["inspection_plan_merges.id"],
            name=op.f("fk_inspection_joint_tasks_merge_id_inspection_plan_merges"),
            ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_joint_tasks")),
        sa.UniqueConstraint("merge_id", "target_uscc",
                            name="uq_inspection_joint_tasks_merge_uscc"),
    )
    op.create_table(
        "inspection_joint_task_members",
        sa.Column("task_id", sa.Uuid(), nullable=False),
        sa.Column("merge_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("target_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["inspection_joint_tasks.id"],
            name=op.f("fk_inspection_joint_task_members_task_id_inspection_joint_tasks"),
            ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_joint_task_members")),
        sa.UniqueConstraint("task_id", "agency_id",
                            name="uq_inspection_joint_task_members_agency"),
    )
    op.create_index("ix_inspection_joint_task_members_agency_year",
                    "inspection_joint_task_members", ["agency_id", "year"], unique=False)
    op.create_index("ix_inspection_joint_task_members_region_year",
                    "inspection_joint_task_members", ["region_code", "year"], unique=False)
    op.create_index("ix_inspection_joint_task_members_plan",
                    "inspection_joint_task_members", ["plan_id", "task_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_inspection_joint_task_members_plan",
                  table_name="inspection_joint_task_members")
    op.drop_index("ix_inspection_joint_task_members_region_year",
                  table_name="inspection_joint_task_members")
    op.drop_index("ix_inspection_joint_task_members_agency_year",
                  table_name="inspection_joint_task_members")
    op.drop_table("inspection_joint_task_members")
    op.drop_table("inspection_joint_tasks")
    op.drop_index("ix_inspection_plan_merges_region_year", table_name="inspection_plan_merges")
    op.drop_table("inspection_plan_merges")
    op.drop_index("ix_spot_check_plan_targets_year_uscc", table_name="spot_check_plan_targets")
    op.drop_table("spot_check_plan_targets")
    with op.batch_alter_table("spot_check_plans", schema=None) as batch_op:
        batch_op.drop_column("merge_id")
        batch_op.drop_column("period_end")
        batch_op.drop_column("period_start")
