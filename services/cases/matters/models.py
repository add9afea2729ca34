"""Matter catalogue tables: 执法事项 (权责清单) versions and the 较大数额 hearing thresholds.
Declared on `services.cases.models.Base`; `services.cases.submodels` imports this module so
Alembic sees it."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Date, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UUIDPk
from services.cases.models import Base


class Matter(UUIDPk, Timestamps, Base):
    """执法事项 (权责清单 entry). One row per *version*: rows of one matter share `series_id`
    and `code`; `effective_from`/`effective_to` bound each version. A case snapshots the version
    it was opened under (`Case.matter_snapshot`)."""

    __tablename__ = "matters"
    __table_args__ = (
        Index("ix_matters_agency_code_from", "agency_id", "code", "effective_from"),
        Index("ix_matters_published_code", "is_published", "code"),
    )

    series_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True,
                                                 default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    # penalty | coercion | inspection | license | levy | other
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default="penalty")
    # statutory 法定 | empowered 赋权 (source_ref = decision number) | entrusted 委托
    source: Mapped[str] = mapped_column(String(16), nullable=False, default="statutory")
    source_ref: Mapped[str | None] = mapped_column(String(200))
    domain: Mapped[str] = mapped_column(String(64), nullable=False)
    legal_basis: Mapped[str] = mapped_column(Text, nullable=False)
    penalty_basis: Mapped[str] = mapped_column(Text, nullable=False, default="")
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False, default="")
    effective_from: Mapped[date] = mapped_column(Date, nullable=False)
    effective_to: Mapped[date | None] = mapped_column(Date)
    # 裁量基准: [{tier, circumstances, min_fine_fen, max_fine_fen}]
    discretion_tiers: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False,
                                                                   default=list)
    # 首违不罚/轻微免罚 list membership
    soft_enforcement: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # matter-level override of the 较大数额 hearing thresholds {person_fen, organization_fen}
    hearing_thresholds: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # 行政处罚法第三十六条: 5 years when life/health or financial safety is involved with harm
    life_health_or_financial: Mapped[bool] = mapped_column(Boolean, nullable=False,
                                                           default=False)
    limitation_years: Mapped[int] = mapped_column(Integer, nullable=False, default=2)
    is_published: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class HearingThreshold(UUIDPk, Timestamps, Base):
    """“较大数额” for the hearing right (行政处罚法第六十三条) and the major-decision
    catalogue, set per agency or per region prefix (provinces set the figures); the most
    specific row wins: agency, then the longest region prefix, then settings."""

    __tablename__ = "hearing_thresholds"
    __table_args__ = (Index("ix_hearing_thresholds_scope", "agency_id", "region_code"),)

    agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    region_code: Mapped[str | None] = mapped_column(String(12))
    domain: Mapped[str | None] = mapped_column(String(64))
    person_fen: Mapped[int] = mapped_column(BigInteger, nullable=False)
    organization_fen: Mapped[int] = mapped_column(BigInteger, nullable=False)
    basis: Mapped[str] = mapped_column(String(200), nullable=False, default="")
