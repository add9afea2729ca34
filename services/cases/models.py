"""Cases tables of the service level: penalty cases (行政处罚案件), their officers, evidence,
records (笔录), statements, payments and case-number counters, and this service's `Base`.

Conventions other sub-packages rely on:
- `Case.status` is a plain string; the ordinary-procedure states live in
  `services.cases.lifecycle.states`. Sub-packages own their tables in
  `services/cases/<sub>/models.py` (the matter catalogue in `matters`, the hash-chained
  full-process timeline in `timeline`, coercion, transfers, …), declared on this `Base`;
  `services.cases.submodels`, imported at the end, lists them so Alembic sees the whole
  metadata.
- Money is integer 分 (`*_fen`); dates are legal dates (`Date`), timestamps `UTCDateTime`.
- `Case.version` is the optimistic-concurrency counter (ETag / If-Match); SQLAlchemy bumps it on
  every UPDATE of the case row (`version_id_col`).
- `Case.next_due_on` is the earliest open statutory deadline, kept up to date by the lifecycle so
  `?overdue=true` is one indexed comparison over a million rows.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from common.app import platform_models
from kit.db import Timestamps, UTCDateTime, UUIDPk, make_base, utcnow

Base = make_base()
platform = platform_models(Base)


class Case(UUIDPk, Timestamps, Base):
    """行政处罚案件 (and later inspection/licence cases: `kind`). Party identity numbers are
    stored in full (decisions must name the party) and masked in every read model."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_created", "created_at", "id"),  # sysadmin/service/supervisor lists
        Index("ix_cases_agency_created", "agency_id", "created_at", "id"),
        Index("ix_cases_region_created", "region_code", "created_at", "id"),
        Index("ix_cases_agency_status_created", "agency_id", "status", "created_at", "id"),
        Index("ix_cases_agency_matter", "agency_id", "matter_id"),
        Index("ix_cases_agency_party_name", "agency_id", "party_name"),
        Index("ix_cases_agency_next_due", "agency_id", "next_due_on"),
        Index("ix_cases_region_next_due", "region_code", "next_due_on"),
        Index("ix_cases_agency_filed_on", "agency_id", "filed_on"),
        Index("ix_cases_agency_decided_on", "agency_id", "decided_on"),
        Index("ix_cases_region_decided_on", "region_code", "decided_on"),
        UniqueConstraint("agency_id", "number", name="uq_cases_agency_number"),
    )

    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    # the agency in whose name the decision is made (委托: the delegating department)
    deciding_agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    entrustment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default="penalty")
    procedure: Mapped[str] = mapped_column(String(16), nullable=False, default="ordinary")
    matter_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    matter_snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    party_kind: Mapped[str] = mapped_column(String(16), nullable=False)  # person|organization
    party_name: Mapped[str] = mapped_column(String(200), nullable=False)
    party_id_number: Mapped[str | None] = mapped_column(String(18))
    party_uscc: Mapped[str | None] = mapped_column(String(18))
    party_address: Mapped[str | None] = mapped_column(String(300))
    party_phone: Mapped[str | None] = mapped_column(String(32))
    party_is_minor: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    source: Mapped[str] = mapped_column(String(16), nullable=False, default="inspection")
    source_ref: Mapped[str | None] = mapped_column(String(100))
    act_date: Mapped[date] = mapped_column(Date, nullable=False)
    act_end_date: Mapped[date | None] = mapped_column(Date)
    # 行政处罚法第三十六条: harm to 公民生命健康安全 (life_health) or 金融安全 (financial) recorded
    # on this case → 5-year limitation; None → 2 years
    harm_kind: Mapped[str | None] = mapped_column(String(16))
    # the licence the case concerns (e.g. 城乡规划法第六十五条: building beyond or without the
    # 乡村建设规划许可证), validated at registration: exists, same agency or region
    licence_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    discovered_on: Mapped[date] = mapped_column(Date, nullable=False)
    facts: Mapped[str] = mapped_column(Text, nullable=False, default="")
    status: Mapped[str] = mapped_column(String(24), nullable=False, default="lead")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    number: Mapped[str | None] = mapped_column(String(100))
    filed_on: Mapped[date | None] = mapped_column(Date)
    approver_id: Mapped[str | None] = mapped_column(String(64))
    officer_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    declined_reason: Mapped[str | None] = mapped_column(Text)
    # 调查终结: {outcome, penalties:[{kind, amount_fen}], discretion_tier, reasoning, ...}
    conclusion: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    legal_review_required: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    legal_review_reasons: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    # not_required | pending | approved | rejected | needs_correction
    legal_review_status: Mapped[str] = mapped_column(String(20), nullable=False,
                                                     default="not_required")
    legal_review_round: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    legal_review_opinion: Mapped[str | None] = mapped_column(Text)
    collective_discussion_required: Mapped[bool] = mapped_column(Boolean, nullable=False,
                                                                 default=False)
    # 事先告知 / 陈述申辩 / 听证
    notice: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    hearing: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    statements_waived: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # decision (Art.59) and its performance
    decided_on: Mapped[date | None] = mapped_column(Date)
    decision_number: Mapped[str | None] = mapped_column(String(100), index=True)
    decision: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    fine_fen: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    # statistics (统计年报 表一), written with the decision: its kind (penalty / no_penalty /
    # minor_no_penalty), the heaviest penalty's report rank (services.cases.penalties), the
    # determined 没收 amount, 从轻/减轻, and the 不予处罚 ground (行政处罚法第三十三条)
    decision_kind: Mapped[str | None] = mapped_column(String(20))
    report_rank: Mapped[int | None] = mapped_column(Integer)
    # server default only, so rows written by older code (and the release data set) get 0
    confiscation_fen: Mapped[int] = mapped_column(BigInteger, nullable=False, server_default="0")
    mitigation: Mapped[str | None] = mapped_column(String(10))
    no_penalty_ground: Mapped[str | None] = mapped_column(String(16))
    # 柔性执法 outcome (lifecycle/soft.py): penalty | no_penalty | not_established |
    # minor_no_penalty; the ground is first_violation | minor | no_fault (第三十三条)
    decision_outcome: Mapped[str | None] = mapped_column(String(24))
    served_on: Mapped[date | None] = mapped_column(Date)
    serve_method: Mapped[str | None] = mapped_column(String(16))
    paid_fen: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    # 复议/诉讼 pending (Art.73): surcharge paused; periods [{from, to}] kept in `remedy_periods`
    remedy_pending: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    remedy_periods: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False,
                                                                 default=list)
    # 延期/分期 (Art.66): {kind, until, instalments, approver_id}
    payment_arrangement: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # 90-day decision clock extensions and pauses (Art.60): {extensions:[...], pauses:[...]}
    clock: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    closed_on: Mapped[date | None] = mapped_column(Date)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_on: Mapped[date | None] = mapped_column(Date)
    revoke_reason: Mapped[str | None] = mapped_column(Text)
    # flags raised from outside, e.g. an officer's certificate revoked: [{kind, ...}]
    flags: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False, default=list)
    next_due_on: Mapped[date | None] = mapped_column(Date)
    # head of the timeline hash chain (so a deleted last entry is detected too)
    timeline_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    timeline_head: Mapped[str] = mapped_column(String(64), nullable=False, default="0" * 64)
    created_by: Mapped[str | None] = mapped_column(String(100))

    __mapper_args__ = {"version_id_col": version}


class CaseOfficer(Base):
    """Officers on a case (承办/调查人员), one row each, for the `officer_id` list filter."""

    __tablename__ = "case_officers"
    __table_args__ = (Index("ix_case_officers_officer_case", "officer_id", "case_id"),
                      # an officer's cases newest first, walked in index order (the list)
                      Index("ix_case_officers_officer_created", "officer_id", "case_created_at",
                            "case_id"))

    case_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    officer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), nullable=False, default="investigator")
    # the case's `created_at` (never changes), so the list's keyset runs on this table's index
    case_created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class ChainLink:
    """The columns of one link of a hash-chained record (the case timeline, the inspection's
    全过程记录): one chain rule, `services.cases.timeline.service`."""

    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    action: Mapped[str] = mapped_column(String(40), nullable=False)
    actor: Mapped[str] = mapped_column(String(120), nullable=False)
    officer_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    payload_digest: Mapped[str] = mapped_column(String(64), nullable=False)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)


class Evidence(UUIDPk, Base):
    """证据 (行政处罚法第四十六条 kinds); the file itself lives in the evidence storage."""

    __tablename__ = "evidence"
    __table_args__ = (Index("ix_evidence_case", "case_id", "collected_at"),)

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id", ondelete="CASCADE"),
                                               nullable=False)
    kind: Mapped[str] = mapped_column(String(24), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    content_type: Mapped[str] = mapped_column(String(100), nullable=False)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    storage_key: Mapped[str] = mapped_column(String(300), nullable=False)
    officer_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    collected_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(100))


class CaseRecord(UUIDPk, Base):
    """笔录: 现场检查笔录 (inspection) or 询问笔录 (inquiry), 行政处罚法第五十五条."""

    __tablename__ = "case_records"
    __table_args__ = (Index("ix_case_records_case", "case_id", "started_at"),)

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id", ondelete="CASCADE"),
                                               nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    officer_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    ended_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    place: Mapped[str] = mapped_column(String(300), nullable=False)
    interviewee: Mapped[str | None] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text, nullable=False)


class Statement(UUIDPk, Base):
    """陈述申辩 (or an explicit waiver) and its 复核 result, 行政处罚法第四十五条."""

    __tablename__ = "statements"
    __table_args__ = (Index("ix_statements_case", "case_id", "received_on"),)

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id", ondelete="CASCADE"),
                                               nullable=False)
    waived: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    content: Mapped[str] = mapped_column(Text, nullable=False, default="")
    recheck_result: Mapped[str | None] = mapped_column(Text)
    adopted: Mapped[bool | None] = mapped_column(Boolean)
    received_on: Mapped[date] = mapped_column(Date, nullable=False)


class Payment(UUIDPk, Base):
    """A payment of the fine (and surcharge, 加处罚款 Art.72) in 分."""

    __tablename__ = "payments"
    __table_args__ = (Index("ix_payments_case", "case_id", "paid_on"),)

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id", ondelete="CASCADE"),
                                               nullable=False)
    amount_fen: Mapped[int] = mapped_column(BigInteger, nullable=False)
    paid_on: Mapped[date] = mapped_column(Date, nullable=False)
    surcharge_due_fen: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    receipt_number: Mapped[str | None] = mapped_column(String(100))


class NumberCounter(Base):
    """Per agency, per year, per document kind sequence (立案号, 决定书号, 当场决定书号)."""

    __tablename__ = "number_counters"

    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


# Sub-package tables register themselves here.
from services.cases import submodels  # noqa: E402,F401


def __getattr__(name: str) -> Any:
    """`Matter` lives in `services.cases.matters.models`; `from services.cases.models import
    Matter` (the lifecycle sub-package's import) keeps resolving to it."""
    if name == "Matter":
        from services.cases.matters.models import Matter

        return Matter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
