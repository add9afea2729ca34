"""HTTP surface of 投诉举报: public submission and status by code; staff handling."""

import uuid
from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Query, Request

from common.principal import Principal, optional_principal
from common.scope import AgencyOutOfScope
from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.review.complaints import errors, service
from services.review.complaints.dependencies import PublicRateLimit
from services.review.complaints.models import Complaint
from services.review.complaints.schemas import (
    AcceptComplaint,
    AssignComplaint,
    CloseComplaint,
    ComplaintCreate,
    ComplaintPublicStatus,
    ComplaintRead,
    ComplaintReceipt,
    ComplaintStats,
    LeadCreate,
    RespondComplaint,
)
from services.review.dependencies import AgencyRegions, ComplaintStaffCtx, PublicCtx

router = APIRouter(prefix="/api/v1/review/complaints", tags=["complaints"],
                   route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
STATE = (errors.ComplaintNotFound, errors.ComplaintStateConflict)


def _read(c: Complaint, principal: Principal) -> ComplaintRead:
    out = ComplaintRead.model_validate(c)
    out.is_overdue = service.is_overdue(c)
    if not service.contact_visible(c, principal):
        out.contact_name = service.mask_name(c.contact_name)
        out.contact_phone = service.mask_phone(c.contact_phone)
    return out


async def _optional_staff(request: Request) -> Principal | None:
    """A staff member registering a 12345 ticket; anyone else (no token, or another role) is a
    public submitter."""
    principal = await optional_principal(request)
    staff = principal is not None and principal.has("officer", "agency_admin", "supervisor",
                                                    "sysadmin")
    return principal if staff else None


@router.post("", response_model=ComplaintReceipt, status_code=201,
             responses=kit_errors.responses(errors.ComplaintRateLimited,
                                            kit_errors.ValidationFailed,
                                            # a token is optional, but one sent must verify
                                            kit_errors.Unauthorized),
             summary="提交投诉举报（公开，无需令牌，按地址限流；工作人员亦用于登记12345工单）")
async def submit_complaint(body: ComplaintCreate, request: Request, _: PublicRateLimit,
                           ctx: PublicCtx) -> ComplaintReceipt:
    c = await service.submit(replace(ctx, principal=await _optional_staff(request)), body)
    return ComplaintReceipt(tracking_code=c.tracking_code, acknowledge_by=c.acknowledge_by,
                            respond_by=c.respond_by, close_by=c.close_by)


@router.get("/{tracking_code}/status", response_model=ComplaintPublicStatus,
            responses=kit_errors.responses(errors.ComplaintNotFound, errors.ComplaintRateLimited),
            summary="凭查询码查询办理进度（公开；不含联系人信息）")
async def get_complaint_status(tracking_code: str,
                               _: PublicRateLimit, ctx: PublicCtx) -> ComplaintPublicStatus:
    return ComplaintPublicStatus.model_validate(
        await service.public_status(ctx.session, tracking_code[:16]))


@router.get("", response_model=Page[ComplaintRead], responses=kit_errors.responses(*AUTH),
            summary="投诉举报列表（本单位/本辖区；overdue=true 仅逾期）")
async def list_complaints(ctx: ComplaintStaffCtx,
                          status: str | None = None, overdue: bool = False,
                          cursor: str | None = None,
                          limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[ComplaintRead]:
    rows, nxt = await service.list_complaints(ctx, status=status,
                                              overdue=overdue, cursor=cursor, limit=limit)
    return Page[ComplaintRead](items=[_read(c, ctx.principal) for c in rows], next_cursor=nxt,
                               limit=limit)


@router.get("/stats", response_model=list[ComplaintStats], responses=kit_errors.responses(*AUTH),
            summary="回应率与办结率（按被投诉单位、受理年度）")
async def get_complaint_stats(ctx: ComplaintStaffCtx,
                              year: Annotated[int, Query(ge=2000, le=2100)]
                              ) -> list[ComplaintStats]:
    return await service.stats(ctx, year)


@router.get("/{complaint_id}", response_model=ComplaintRead,
            responses=kit_errors.responses(*AUTH, errors.ComplaintNotFound),
            summary="一件投诉举报（工作人员）")
async def get_complaint(complaint_id: uuid.UUID, ctx: ComplaintStaffCtx) -> ComplaintRead:
    return _read(await service.load(ctx, complaint_id), ctx.principal)


@router.post("/{complaint_id}/assign", response_model=ComplaintRead,
             responses=kit_errors.responses(*AUTH, *STATE, AgencyOutOfScope),
             summary="分派承办人")
async def assign_complaint(complaint_id: uuid.UUID, body: AssignComplaint,
                           ctx: ComplaintStaffCtx, regions: AgencyRegions) -> ComplaintRead:
    return _read(await service.assign(ctx, complaint_id, body.handler,
                                      body.target_agency_id, regions), ctx.principal)


@router.post("/{complaint_id}/acknowledge", response_model=ComplaintRead,
             responses=kit_errors.responses(*AUTH, *STATE), summary="受理")
async def acknowledge_complaint(complaint_id: uuid.UUID, ctx: ComplaintStaffCtx,
                                body: AcceptComplaint | None = None) -> ComplaintRead:
    reason = body.reason if body else None
    return _read(await service.acknowledge(ctx, complaint_id, reason), ctx.principal)


@router.post("/{complaint_id}/respond", response_model=ComplaintRead,
             responses=kit_errors.responses(*AUTH, *STATE), summary="答复（公开可见的答复内容）")
async def respond_complaint(complaint_id: uuid.UUID, body: RespondComplaint,
                            ctx: ComplaintStaffCtx) -> ComplaintRead:
    complaint = await service.respond(ctx, complaint_id, body.reply)
    return _read(complaint, ctx.principal)


@router.post("/{complaint_id}/close", response_model=ComplaintRead,
             responses=kit_errors.responses(*AUTH, *STATE), summary="办结")
async def close_complaint(complaint_id: uuid.UUID, body: CloseComplaint,
                          ctx: ComplaintStaffCtx) -> ComplaintRead:
    complaint = await service.close(ctx, complaint_id, body.result)
    return _read(complaint, ctx.principal)


@router.post("/{complaint_id}/lead", response_model=ComplaintRead,
             responses=kit_errors.responses(*AUTH, *STATE, errors.ComplaintNotAViolationReport,
                                            errors.ComplaintNeedsAgency, AgencyOutOfScope,
                                            kit_errors.ServiceUnavailable),
             summary="违法行为举报转为案件线索（调用案件服务）")
async def create_complaint_lead(complaint_id: uuid.UUID, body: LeadCreate,
                                ctx: ComplaintStaffCtx, regions: AgencyRegions) -> ComplaintRead:
    return _read(await service.make_lead(ctx, complaint_id, body, regions), ctx.principal)
