"""Request/response models of the annual reports and the dashboard."""

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from kit.schemas import ApiModel

# the three annual reports: 统计年报 (by 31 January), 年度行政执法工作报告,
# 法治政府建设年度报告 (1 March)
ReportKind = Literal["statistical", "enforcement", "rule_of_law"]
KIND_NAMES = {"statistical": "行政执法统计年报", "enforcement": "年度行政执法工作报告",
              "rule_of_law": "法治政府建设年度报告"}


class ReportCreate(ApiModel):
    year: int = Field(ge=2000, le=2100)
    kind: ReportKind = "enforcement"
    agency_id: uuid.UUID | None = None
    region_code: str | None = Field(None, pattern=r"^\d{2,12}$")


class Narrative(ApiModel):
    """The sections the official writes (二、三) and the foot; 一、总体情况 comes from data."""

    problems: str | None = Field(None, max_length=20000)
    plans: str | None = Field(None, max_length=20000)
    overview_notes: str | None = Field(None, max_length=20000)
    issuer: str | None = Field(None, max_length=200)
    issued_on: date | None = None


class Source(ApiModel):
    service: str
    path: str
    params: dict[str, Any]


class Figure(ApiModel):
    key: str
    label: str
    value: Any
    unit: str | None = None
    rule: str | None = None
    source: Source
    previous: Any = None
    change: Any = None
    # the value counts what had arrived when the report was made: events from another
    # service were still undelivered (ReportRead.pending_events)
    provisional: bool = False


class ReportRead(ApiModel):
    id: uuid.UUID
    year: int
    kind: str
    kind_name: str
    agency_id: uuid.UUID | None
    region_code: str
    scope_key: str
    status: str
    number: int
    replaces_id: uuid.UUID | None
    previous_year_id: uuid.UUID | None
    made_by: str
    made_at: datetime
    finalised_at: datetime | None
    narrative: Narrative
    skipped_sources: list[str]
    # events not yet delivered between services when the report was made ("cases→publicity")
    pending_events: dict[str, int] = Field(default_factory=dict)
    scope_name: str = ""
    figures: list[Figure]


class DashboardAgency(ApiModel):
    agency_id: str
    name: str | None = None
    region_code: str | None = None
    figures: dict[str, Any]
    overdue: dict[str, Any]
    certificate_rate: Any = None
    evaluation_rank: int | None = None


class Dashboard(ApiModel):
    region_code: str
    year: int
    agencies: list[DashboardAgency]
    sources: list[str]
    # statistics calls made (one per source when the sources group by agency)
    calls: int
