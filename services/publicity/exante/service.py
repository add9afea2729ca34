"""事前公开 (国办发〔2018〕118号; 行政处罚法第三十四条、第三十九条): shape upstream lists into
public views, adding the procedure and remedy channels each matter kind follows."""

from __future__ import annotations

import json
import uuid

from services.publicity.clients import PublicLists
from services.publicity.config import PublicitySettings
from services.publicity.exante.schemas import MatterPage, MatterRead, OfficerPage, OfficerRead

PROCEDURE = {
    "penalty": "立案、调查取证、告知陈述申辩（及听证）、法制审核、决定、送达、执行"
               "（行政处罚法第五章）；符合条件的适用简易程序当场处罚（第五十一条）",
    "coercion": "报批、通知当事人到场、告知理由依据与权利、听取陈述申辩、制作现场笔录"
                "（行政强制法第十八条）",
    "inspection": "随机抽取检查对象、随机选派执法检查人员、出示证件、结果公开",
    "license": "申请、受理、审查、决定、送达（行政许可法第四章）",
}


def _page_body(items: list, nxt: str, limit: int) -> bytes:
    page = {"items": [i.model_dump(mode="json") for i in items],
            "next_cursor": nxt or None, "limit": limit}
    return json.dumps(page, ensure_ascii=False).encode()


async def officers(lists: PublicLists, agency_id: uuid.UUID | None, region_code: str | None,
                   cursor: str | None, limit: int) -> bytes:
    """The officer directory page as JSON bytes (the router adds the cache validators)."""
    rows, nxt = await lists.officers({
        "agency_id": agency_id, "region_code": region_code, "after": cursor, "limit": limit})
    items = [OfficerRead.model_validate(r) for r in rows]
    OfficerPage(items=items, next_cursor=nxt or None, limit=limit)  # shape check
    return _page_body(items, nxt, limit)


async def matters(lists: PublicLists, settings: PublicitySettings, agency_id: uuid.UUID | None,
                  domain: str | None, cursor: str | None, limit: int) -> bytes:
    """The matter catalogue page with procedure and remedy text, as JSON bytes."""
    rows, nxt = await lists.matters({
        "agency_id": agency_id, "domain": domain, "cursor": cursor, "limit": limit})
    items = []
    for r in rows:
        m = MatterRead.model_validate(r)
        m.procedure = PROCEDURE.get(m.kind, "按相关法律法规规定的程序办理")
        m.remedy = settings.remedy.public_text()
        items.append(m)
    MatterPage(items=items, next_cursor=nxt or None, limit=limit)
    return _page_body(items, nxt, limit)
