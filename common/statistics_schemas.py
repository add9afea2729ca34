"""The response models and problems of the statistics endpoints (docs/statistics.md); the
figures themselves are computed by `common/statistics.py`."""

from __future__ import annotations

import uuid
from datetime import date

from kit import errors
from kit.schemas import ApiModel


class Figure(ApiModel):
    key: str
    label: str
    value: int | float
    unit: str
    rule: str


class StatisticsScope(ApiModel):
    agency_id: uuid.UUID | None
    region_code: str | None
    date_from: date
    date_to: date


class AgencyFigures(ApiModel):
    agency_id: uuid.UUID
    figures: list[Figure]


class GroupedFigures(ApiModel):
    """With `group_by=agency`: the figures of every agency that has rows in the period (one
    query per table, `GROUP BY` the agency), and `empty`, the figures of an agency without rows."""

    groups: list[AgencyFigures] | None = None
    empty: list[Figure] | None = None
    # for the service token and sysadmin: this service's events not yet delivered, per
    # platform service they go to ({"publicity": 3}): figures fed by them may still lag
    undelivered_events: dict[str, int] | None = None


class StatisticsRead(GroupedFigures):
    """`{year, scope, figures: [{key, label, value, unit, rule}]}` (issue 14 contract)."""

    year: int
    scope: StatisticsScope
    figures: list[Figure]


class RecordRef(ApiModel):
    id: uuid.UUID
    label: str
    kind: str


class RecordsPage(ApiModel):
    key: str
    items: list[RecordRef]
    next_cursor: str | None = None
    limit: int


class FigureNotFound(errors.Problem):
    status, title = 404, "统计指标不存在"


class InvalidPeriod(errors.Problem):
    status, title = 422, "统计期间无效"
