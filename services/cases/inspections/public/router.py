"""扫码入企: `GET /inspections/by-code/{code}` (public, no token). The code is the
inspection's unguessable `public_code` (QR payload); the answer carries names, certificate
numbers, agency, items and whether approval is present, nothing personal."""

from fastapi import APIRouter

from kit import errors
from kit.db import CommittingRoute, SessionDep
from services.cases.inspections import errors as ie
from services.cases.inspections.public import schemas
from services.cases.inspections.repository import InspectionRepository

router = APIRouter(route_class=CommittingRoute)


@router.get("/inspections/by-code/{code}", response_model=schemas.PublicInspection,
            responses=errors.responses(ie.InspectionNotFound),
            summary="扫码入企：企业查看检查人员、事项与审批情况（公开，无需令牌）")
async def get_inspection_by_code(code: str, session: SessionDep) -> schemas.PublicInspection:
    i = await InspectionRepository(session).by_code(code) if 16 <= len(code) <= 40 else None
    if i is None:
        raise ie.InspectionNotFound("检查码无效")
    return schemas.PublicInspection(
        agency_id=i.agency_id, type=i.type, method=i.method, status=i.status,
        planned_on=i.planned_on,
        items=[schemas.PublicItem(code=x["code"], name=x["name"], legal_basis=x["legal_basis"])
               for x in i.items],
        officers=[schemas.PublicOfficer(name=o.get("name", ""),
                                        certificate_numbers=o.get("certificate_numbers", []))
                  for o in i.officers if o["officer_id"] in i.officer_ids],
        assistants=i.assistants, approval_present=i.approval is not None,
        emergency=i.emergency, notice_served=i.notice is not None)
