"""笔录 and evidence of an inspection, and `/lead`: a case lead (线索) that references the
inspection and carries its evidence over (same stored files, same SHA-256), once."""

from __future__ import annotations

from typing import Any

from common.calendar import LEGAL_TZ
from kit import errors
from services.cases.inspections import schemas
from services.cases.inspections.errors import OFFICER_RULE
from services.cases.inspections.models import (
    Inspection,
    InspectionEvidence,
    InspectionRecord,
)
from services.cases.inspections.repository import InspectionRepository
from services.cases.inspections.service import record, require
from services.cases.lifecycle import schemas as case_schemas
from services.cases.lifecycle import service as cases
from services.cases.models import Case, Evidence
from services.cases.timeline.service import digest


def officers_present(i: Inspection, officer_ids: list[str]) -> list[str]:
    """Records are made by at least two of the inspection's (already checked) officers."""
    named = list(dict.fromkeys(str(o) for o in officer_ids))
    strangers = [o for o in named if o not in i.officer_ids]
    if len(named) < 2 or strangers:
        from services.cases.errors import OfficersNotQualified
        raise OfficersNotQualified(
            "笔录须由本次检查的两名以上执法人员制作", rule=OFFICER_RULE,
            officers=[{"officer_id": o, "qualified": o not in strangers, "reasons":
                       ["不是本次检查的执法人员"] if o in strangers else []} for o in named])
    return named


async def add_record(ctx: cases.Ctx, i: Inspection, body: schemas.RecordCreate
                     ) -> InspectionRecord:
    require(i, "records")
    officers = officers_present(i, body.officer_ids)
    rec = InspectionRecord(inspection_id=i.id, client_id=body.client_id, kind=body.kind,
                           officer_ids=officers, started_at=body.started_at,
                           ended_at=body.ended_at, place=body.place,
                           interviewee=body.interviewee, content=body.content)
    ctx.session.add(rec)
    await ctx.session.flush()
    await record(ctx, i, "record", {
        "record_id": str(rec.id), "kind": rec.kind, "place": rec.place,
        "client_id": str(body.client_id) if body.client_id else None,
        "started_at": rec.started_at.isoformat(), "ended_at": rec.ended_at.isoformat(),
        "content_sha256": digest(rec.content)}, officers)
    return rec


async def add_evidence(ctx: cases.Ctx, i: Inspection, *, kind: str, description: str,
                       filename: str, content_type: str, stored: Any,
                       officer_ids: list[str]) -> InspectionEvidence:
    require(i, "evidence")
    officers = officers_present(i, officer_ids)
    ev = InspectionEvidence(inspection_id=i.id, kind=kind, description=description,
                            filename=filename, content_type=content_type, size=stored.size,
                            sha256=stored.sha256, storage_key=stored.key, officer_ids=officers)
    ctx.session.add(ev)
    await ctx.session.flush()
    await record(ctx, i, "evidence", {"evidence_id": str(ev.id), "kind": kind,
                                      "sha256": ev.sha256, "size": ev.size,
                                      "filename": filename}, officers)
    return ev


def party_of(i: Inspection) -> case_schemas.Party:
    t = i.target or {}
    if not t:
        raise errors.UnprocessableEntity("无特定检查对象的检查不能转为案件线索")
    if t.get("uscc"):
        return case_schemas.Party(kind="organization", name=t["name"], uscc=t["uscc"],
                                  address=t.get("address") or None)
    return case_schemas.Party(kind="person", name=t["name"], address=t.get("address") or None)


async def create_lead(ctx: cases.Ctx, i: Inspection, body: schemas.LeadCreate
                      ) -> tuple[Case | None, bool, int]:
    """One call, idempotent: a second call answers the case already made."""
    if i.case_id is not None:
        return None, False, 0
    require(i, "lead")
    on = (i.started_at.astimezone(LEGAL_TZ).date() if i.started_at else i.planned_on)
    case = await cases.create_case(ctx, case_schemas.CaseCreate(
        matter_id=body.matter_id, party=party_of(i), source="inspection",
        source_ref=f"inspection:{i.id}", act_date=body.act_date or on, discovered_on=on,
        facts=body.facts or i.findings or "行政检查发现"))
    carried = await InspectionRepository(ctx.session).evidence(i.id)
    for ev in carried:
        ctx.session.add(Evidence(case_id=case.id, kind=ev.kind, description=ev.description,
                                 filename=ev.filename, content_type=ev.content_type,
                                 size=ev.size, sha256=ev.sha256, storage_key=ev.storage_key,
                                 officer_ids=ev.officer_ids, collected_at=ev.collected_at,
                                 created_by=ctx.principal.username or ctx.principal.subject))
    await ctx.session.flush()
    await cases.record(ctx, case, "evidence_from_inspection", i.officer_ids, {
        "inspection_id": str(i.id), "evidence": [{"sha256": e.sha256, "kind": e.kind,
                                                  "filename": e.filename} for e in carried]})
    i.case_id = case.id
    await record(ctx, i, "lead", {"case_id": str(case.id), "evidence_carried": len(carried)})
    return case, True, len(carried)


async def scan(ctx: cases.Ctx, i: Inspection, body: schemas.Scan) -> None:
    """扫码入企 (深圳 rule [S]): scan before starting; in an emergency inspect first and scan
    before leaving. A scan after the start is flagged `scanned_after_start`, one after the
    end `late_scan`."""
    from kit.db import utcnow

    at = body.scanned_at or utcnow()
    officer = body.officer_id or ctx.principal.officer_id or ctx.principal.subject
    i.scans = [*i.scans, {"at": at.isoformat(), "officer_id": officer}]
    kind = ("late_scan" if i.ended_at is not None and at > i.ended_at else
            "scanned_after_start" if i.started_at is not None and at > i.started_at else None)
    if kind:
        i.flags = [*i.flags, {"kind": kind, "at": at.isoformat()}]
    await record(ctx, i, "scan", {"at": at.isoformat(), "officer_id": officer, "flag": kind})


async def records_of(session: Any, i: Inspection) -> list[Any]:
    """The inspection's 检查笔录."""
    return list(await InspectionRepository(session).records(i.id))


async def evidence_of(session: Any, i: Inspection) -> list[Any]:
    """The inspection's evidence list."""
    return list(await InspectionRepository(session).evidence(i.id))
