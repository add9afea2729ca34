"""`POST /api/v1/publicity/redactions`: the redaction engine for other services (service
token only; nothing is stored)."""

from typing import Annotated

from fastapi import APIRouter, Depends

from common.principal import Principal
from kit import errors as kit_errors
from kit.auth import require_roles
from kit.db import CommittingRoute
from services.publicity.redactions import service
from services.publicity.redactions.schemas import RedactionRequest, RedactionResult

router = APIRouter(tags=["publicity"], route_class=CommittingRoute)
ServiceCaller = Annotated[Principal, Depends(require_roles("service"))]


@router.post("/redactions", response_model=RedactionResult,
             responses=kit_errors.responses(kit_errors.Unauthorized, kit_errors.Forbidden),
             summary="按公示脱敏规则处理文本（仅限服务间调用，不留存）")
async def redact_texts(body: RedactionRequest, principal: ServiceCaller) -> RedactionResult:
    return service.redact(body)
