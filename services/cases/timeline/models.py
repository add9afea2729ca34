"""The case timeline table (全过程记录, 行政处罚法第四十七条), built on the columns every
hash-chained record shares (`services.cases.models.ChainLink`). Declared on
`services.cases.models.Base`; `services.cases.submodels` imports this module so Alembic sees
it."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import UUIDPk
from services.cases.models import Base, ChainLink


class TimelineEntry(UUIDPk, ChainLink, Base):
    """One link of the full-process record (全过程记录, 行政处罚法第四十七条): `hash` is
    sha256 over the canonical JSON of (case_id, seq, action, actor, officer_ids, occurred_at,
    payload_digest, prev_hash); see `services.cases.timeline.service`."""

    __tablename__ = "timeline_entries"
    __table_args__ = (UniqueConstraint("case_id", "seq", name="uq_timeline_entries_case_seq"),)

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id", ondelete="CASCADE"),
                                               nullable=False)
