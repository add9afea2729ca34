"""HTTP surface of the complaint deadlines: 不予受理, 延期, 告知结果."""

import uuid

from fastapi import APIRouter

from kit import errors as kit_errors
from kit.db import CommittingRoute
from services.review.complaint_deadlines import errors, service
from services.review.complaint_deadlines.schemas import (
    ExtendComplaint,
    RefuseComplaint,
    ResultNotice,
)
from services.review.complaints import errors as complaint_errors
from services.review.complaints.router import _read
from services.review.complaints.schemas import ComplaintRead
from services.review.dependencies import ComplaintStaffCtx

router = APIRouter(prefix="/api/v1/review/complaints", tags=["complaints"],
                   route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
STATE = (complaint_errors.ComplaintNotFound, complaint_errors.ComplaintStateConflict)


@router.post("/{complaint_id}/refuse", response_model=ComplaintRead,
             responses=kit_errors.responses(*AUTH, *STATE),
             summary="不予受理（说明理由，5个工作日内）")
async def refuse_complaint(complaint_id: uuid.UUID, body: RefuseComplaint,
                           ctx: ComplaintStaffCtx) -> ComplaintRead:
    return _read(await service.refuse(ctx, complaint_id, body.reason), ctx.principal)


@router.post("/{complaint_id}/extend", response_model=ComplaintRead,
             responses=kit_errors.responses(*AUTH, *STATE, errors.ComplaintExtensionRefused),
             summary="经负责人批准延长办结期限（一次，不超过20日）")
async def extend_complaint(complaint_id: uuid.UUID, body: ExtendComplaint,
                           ctx: ComplaintStaffCtx) -> ComplaintRead:
    complaint = await service.extend(ctx, complaint_id, body.approved_by, body.reason)
    return _read(complaint, ctx.principal)


@router.post("/{complaint_id}/result-notice", response_model=ComplaintRead,
             responses=kit_errors.responses(*AUTH, *STATE), summary="告知投诉人处理结果")
async def notify_complaint_result(complaint_id: uuid.UUID, body: ResultNotice,
                                  ctx: ComplaintStaffCtx) -> ComplaintRead:
    return _read(await service.tell_result(ctx, complaint_id, body.via), ctx.principal)
