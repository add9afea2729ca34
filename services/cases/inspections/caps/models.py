"""Per-agency cap table (涉企行政检查频次上限, 国办发〔2024〕54号: published by the competent
departments, local rules differ by 信用风险分类): one row per (agency, target class), where the
class is a credit-risk class A–D or `*` for every class."""

from __future__ import annotations

import uuid

from sqlalchemy import Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import Timestamps, UUIDPk
from services.cases.models import Base


class InspectionCap(UUIDPk, Timestamps, Base):
    __tablename__ = "inspection_caps"
    __table_args__ = (UniqueConstraint("agency_id", "target_class",
                                       name="uq_inspection_caps_agency_class"),)

    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    region_code: Mapped[str] = mapped_column(String(12), nullable=False)
    target_class: Mapped[str] = mapped_column(String(8), nullable=False)  # A–D | *
    annual_limit: Mapped[int] = mapped_column(Integer, nullable=False)
    basis: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    updated_by: Mapped[str | None] = mapped_column(String(120))
