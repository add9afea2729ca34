"""申请材料 (行政许可法第三十一条): an application's stored materials, the applications page
with their matters and materials, and storing one upload (checked, hashed server-side)."""

from __future__ import annotations

import uuid
from typing import IO

from anyio import to_thread
from sqlalchemy.ext.asyncio import AsyncSession

from common.calendar import today_legal
from kit import errors
from services.cases.licensing import errors as le
from services.cases.licensing import service
from services.cases.licensing.models import LicenceApplication, LicenceMaterial, LicenceMatter
from services.cases.licensing.repository import ApplicationRepository, MatterRepository
from services.cases.storage import LocalStorage, TooLarge


async def materials_of(session: AsyncSession, app: LicenceApplication) -> list[LicenceMaterial]:
    return (await ApplicationRepository(session).materials([app.id]))[app.id]


async def applications_page(
        ctx: service.Ctx, *, status: str | None,
        overdue: bool | None, matter_id: uuid.UUID | None, cursor: str | None, limit: int
) -> tuple[list[LicenceApplication], str | None, dict[uuid.UUID, LicenceMatter],
           dict[uuid.UUID, list[LicenceMaterial]]]:
    """One keyset page of applications in scope, with their matters and materials."""
    session = ctx.session
    repo = ApplicationRepository(session)
    rows, nxt = await repo.list(ctx.principal, status=status, overdue=overdue, matter_id=matter_id,
                                today=today_legal(), cursor=cursor, limit=limit)
    by_id = await MatterRepository(session).by_ids({a.matter_id for a in rows})
    mats = await repo.materials([a.id for a in rows])
    return list(rows), nxt, by_id, mats


async def add_material(ctx: service.Ctx, app: LicenceApplication, name: str,
                       filename: str | None, raw_type: str | None,
                       stream: IO[bytes]) -> LicenceMaterial:
    """Check the material against the matter's list, store it (size-limited, SHA-256 computed
    here) and record it; the application's version moves (its material set changed)."""
    s, session = ctx.settings, ctx.session
    matter = await service.matter_of(session, app)
    service.check_material(app, matter, name, raw_type, s)
    storage = LocalStorage(s.evidence_dir or f"{s.data_dir}/evidence")
    try:
        stored = await to_thread.run_sync(storage.put, stream, s.evidence_max_bytes)
    except TooLarge as exc:
        raise errors.PayloadTooLarge(f"文件超过 {s.evidence_max_bytes} 字节") from exc
    if stored.size == 0:
        raise le.MaterialRejected("文件为空")
    row = LicenceMaterial(application_id=app.id, name=name, filename=filename or "upload",
                          content_type=service.content_type(raw_type),
                          size=stored.size, sha256=stored.sha256, storage_key=stored.key,
                          uploaded_at=service.utcnow())
    ApplicationRepository(session).add(row)
    app.updated_at = service.utcnow()  # bumps the version: the material set changed
    await session.flush()
    return row
