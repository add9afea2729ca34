from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from common.calendar import today_legal
from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page
from services.personnel import errors
from services.personnel.certificates import service
from services.personnel.certificates.schemas import (
    CertificateAction,
    CertificateCreate,
    CertificateRead,
    CertificateVerification,
)
from services.personnel.dependencies import PublicCtx, ReaderCtx, StaffAdminCtx

router = APIRouter(prefix="/api/v1/personnel", tags=["certificates"],
                   route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
CHANGE = (*AUTH, errors.CertificateNotFound, errors.AgencyNotManaged,
          errors.CertificateStateConflict)


@router.post("/officers/{officer_id}/certificates", response_model=CertificateRead,
             status_code=201,
             responses=kit_errors.responses(*AUTH, errors.OfficerNotFound,
                                            errors.AgencyNotManaged, errors.CertificateNotAllowed,
                                            errors.CertificateNumberInvalid,
                                            errors.CertificateNumberTaken,
                                            kit_errors.ValidationFailed),
             summary="核发执法证（不符合条件时列出全部原因）")
async def issue_certificate(officer_id: uuid.UUID, body: CertificateCreate,
                            ctx: StaffAdminCtx) -> CertificateRead:
    return CertificateRead.model_validate(
        await service.issue_certificate(ctx, officer_id, body))


@router.get("/officers/{officer_id}/certificates", response_model=list[CertificateRead],
            responses=kit_errors.responses(*AUTH, errors.OfficerNotFound),
            summary="人员的执法证")
async def list_officer_certificates(officer_id: uuid.UUID,
                                    ctx: ReaderCtx) -> list[CertificateRead]:
    rows = await service.list_officer_certificates(ctx, officer_id)
    return [CertificateRead.model_validate(c) for c in rows]


@router.get("/certificates/verify/{code}", response_model=CertificateVerification,
            responses=kit_errors.responses(errors.CertificateNotFound),
            summary="执法证扫码核验（公开，无需令牌；code 为证件编号，不含身份证号、电话、住址）")
async def verify_certificate(code: str, ctx: PublicCtx) -> CertificateVerification:
    row = await service.verification(ctx.session, code)
    if row is None:
        raise errors.CertificateNotFound("未查到该执法证")
    today = today_legal()
    return CertificateVerification(
        name=row.name, certificate_number=row.number, agency_id=row.agency_id,
        agency_name=row.agency_name, domains=row.domains, valid_from=row.issued_on,
        valid_until=row.expires_on, status=row.status,
        valid_today=(row.status == "active" and row.officer_status == "active"
                     and row.issued_on <= today <= row.expires_on))


@router.get("/certificates", response_model=Page[CertificateRead],
            responses=kit_errors.responses(*AUTH, InvalidCursor),
            summary="执法证列表（按到期日排序；expiring_within_days 列出即将到期的有效证件）")
async def list_certificates(ctx: ReaderCtx, agency_id: uuid.UUID | None = None,
                            expiring_within_days: Annotated[int | None,
                                                            Query(ge=0, le=3650)] = None,
                            cursor: str | None = None,
                            limit: Annotated[int, Query(ge=1, le=200)] = 50
                            ) -> Page[CertificateRead]:
    rows, next_cursor = await service.list_certificates(
        ctx, agency_id, expiring_within_days, cursor, limit, today_legal())
    return Page[CertificateRead](items=[CertificateRead.model_validate(c) for c in rows],
                                 next_cursor=next_cursor, limit=limit)


@router.post("/certificates/{certificate_id}/revoke", response_model=CertificateRead,
             responses=kit_errors.responses(*CHANGE, kit_errors.ValidationFailed),
             summary="注销执法证（通知办案服务）")
async def revoke_certificate(certificate_id: uuid.UUID, body: CertificateAction,
                             ctx: StaffAdminCtx) -> CertificateRead:
    return CertificateRead.model_validate(await service.revoke_certificate(
        ctx, certificate_id, body.reason, today_legal()))


@router.post("/certificates/{certificate_id}/suspend", response_model=CertificateRead,
             responses=kit_errors.responses(*CHANGE, kit_errors.ValidationFailed),
             summary="暂扣执法证")
async def suspend_certificate(certificate_id: uuid.UUID, body: CertificateAction,
                              ctx: StaffAdminCtx) -> CertificateRead:
    return CertificateRead.model_validate(
        await service.suspend_certificate(ctx, certificate_id, body.reason))


@router.post("/certificates/{certificate_id}/reinstate", response_model=CertificateRead,
             responses=kit_errors.responses(*CHANGE), summary="恢复被暂扣的执法证")
async def reinstate_certificate(certificate_id: uuid.UUID,
                                ctx: StaffAdminCtx) -> CertificateRead:
    return CertificateRead.model_validate(
        await service.reinstate_certificate(ctx, certificate_id))
