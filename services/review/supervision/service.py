"""监督意见书: the old endpoints, kept working over 监督文书 of kind `opinion`.

The opinions were migrated into `supervision_instruments` (kind `opinion`, same ids, nothing
lost); these functions translate the old shape (findings / required_actions / rectify_by) to the
instrument and keep the old problem types (opinion-not-found, opinion-already-replied)."""

import uuid

from common.scope import AgencyRegionLookup
from services.review.context import Ctx
from services.review.instruments import errors as instrument_errors
from services.review.instruments import service as instruments
from services.review.instruments.models import SupervisionInstrument
from services.review.instruments.repository import AWAITING_REPLY
from services.review.instruments.schemas import InstrumentCreate
from services.review.supervision import errors
from services.review.supervision.schemas import OpinionCreate, OpinionRead

KIND = "opinion"


async def issue(ctx: Ctx, body: OpinionCreate,
                regions: AgencyRegionLookup) -> SupervisionInstrument:
    create = InstrumentCreate(
        kind=KIND, agency_id=body.agency_id, region_code=body.region_code,
        facts=body.findings, legal_basis=body.legal_basis,
        required_action=body.required_actions, reply_due_on=body.rectify_by)
    return await instruments.issue(ctx, create, regions)


async def load(ctx: Ctx, opinion_id: uuid.UUID) -> SupervisionInstrument:
    try:
        return await instruments.load(ctx, opinion_id, KIND)
    except instrument_errors.InstrumentNotFound:
        raise errors.OpinionNotFound(f"监督意见书 {opinion_id} 不存在") from None


async def reply(ctx: Ctx, opinion_id: uuid.UUID, content: str) -> SupervisionInstrument:
    opinion = await load(ctx, opinion_id)
    if opinion.status not in AWAITING_REPLY:
        raise errors.OpinionAlreadyReplied("该监督意见书已回复")
    return await instruments.reply(ctx, opinion_id, content, None, KIND)


async def list_opinions(ctx: Ctx, *, overdue: bool, cursor: str | None,
                        limit: int) -> tuple[list[SupervisionInstrument], str | None]:
    return await instruments.list_instruments(ctx, kind=KIND, status=None, overdue=overdue,
                                              cursor=cursor, limit=limit)


def to_read(ins: SupervisionInstrument) -> OpinionRead:
    return OpinionRead(
        id=ins.id, agency_id=ins.agency_id, region_code=ins.region_code, findings=ins.facts,
        legal_basis=ins.legal_basis, required_actions=ins.required_action,
        rectify_by=ins.reply_due_on, status=ins.status, issued_by=ins.issued_by,
        issued_at=ins.issued_at, reply=ins.reply, replied_at=ins.replied_at,
        replied_late=ins.replied_late, is_overdue=instruments.is_overdue(ins))
