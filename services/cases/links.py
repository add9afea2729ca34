"""Links between licensing, cases and inspections (a cases-level module, like approvals.py,
so that lifecycle, licensing and inspections do not import each other in a ring), validated
where they are made: a case may name the licence it concerns (a penalty for building
without or beyond a 乡村建设规划许可证,
城乡规划法第六十五条), and an application the inspection that was its 现场核查 (行政许可法第三十四条
第三款). The referenced row must exist and belong to the same agency or the same region (a
township government's licences are enforced by its 综合行政执法大队, a separate agency of the same
region)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from services.cases.inspections.repository import InspectionRepository
from services.cases.licensing.errors import LinkInvalid
from services.cases.licensing.licences.repository import LicenceRepository


def _near(found: tuple[uuid.UUID, str] | None, agency_id: uuid.UUID, region: str) -> bool:
    return found is not None and (found[0] == agency_id or (bool(region) and found[1] == region))


async def ensure_licence_link(session: AsyncSession, licence_id: uuid.UUID,
                              agency_id: uuid.UUID, region: str) -> None:
    if not _near(await LicenceRepository(session).scope_of(licence_id), agency_id, region):
        raise LinkInvalid(f"许可证件 {licence_id} 不存在，或不属本机关、本辖区",
                          licence_id=str(licence_id))


async def ensure_inspection_link(session: AsyncSession, inspection_id: uuid.UUID,
                                 agency_id: uuid.UUID, region: str) -> None:
    if not _near(await InspectionRepository(session).scope_of(inspection_id), agency_id,
                 region):
        raise LinkInvalid(f"现场核查（行政检查）{inspection_id} 不存在，或不属本机关、本辖区",
                          inspection_id=str(inspection_id), rule="行政许可法第三十四条第三款")
