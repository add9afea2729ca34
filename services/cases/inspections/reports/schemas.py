"""Models of the inspection statistics and the enterprise record."""

from __future__ import annotations

import uuid
from datetime import date

from common.statistics import Figure, GroupedFigures, StatisticsScope
from kit.schemas import ApiModel


class Statistics(GroupedFigures):
    """Annual-report figures (统计年报). `counted` follows the 大同 填报说明 rule [S]: one
    target with a complete record (finished or closed) counts once; no target (巡查) does not;
    a check that led to a case counts under the case, not here."""

    year: int
    agency_id: uuid.UUID | None
    total: int
    counted: int
    enterprise: int
    by_type: dict[str, int]
    by_domain: dict[str, int]
    by_result: dict[str, int]
    by_method: dict[str, int]
    joint_tasks: int
    joint_departments: int
    # 综合查一次 merges decided in the year (`inspections.merges`): merged plans, the joint
    # tasks they created (with or without inspections yet), the departments taking part
    merged_plans: int = 0
    merged_joint_tasks: int = 0
    merged_departments: int = 0
    cap_exemptions: dict[str, int]
    led_to_case: int
    scope: StatisticsScope
    figures: list[Figure]


class RecordLine(ApiModel):
    inspection_id: uuid.UUID
    agency_id: uuid.UUID
    type: str
    status: str
    planned_on: date
    counts_toward_cap: bool
    cap_exempt_reason: str | None
    result: str | None


class AgencyCount(ApiModel):
    agency_id: uuid.UUID
    counted_toward_cap: int
    total: int


class EnterpriseRecord(ApiModel):
    target_id: uuid.UUID
    year: int | None
    inspections: list[RecordLine]
    by_agency: list[AgencyCount]
    # the enterprise's visit burden: every agency's inspections of this enterprise (统一社会
    # 信用代码) in the caller's scope, not cancelled, a joint task (综合查一次) counted once
    visits: int = 0
