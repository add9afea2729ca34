"""Publicity test helpers: contract-shaped `case.decided` events driven into the service."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from harness import Platform
from sqlalchemy import select

from services.publicity.disclosures.models import Disclosure

AGENCY_ID = uuid.UUID("00000000-0000-4000-8000-00000000a001")
OTHER_AGENCY_ID = uuid.UUID("00000000-0000-4000-8000-00000000a002")
REGION = "500112100"


def decided_payload(**overrides: Any) -> dict[str, Any]:
    """A `case.decided` payload as docs/contracts.md defines it (full party data)."""
    party = {"kind": "person", "name": "张三", "id_number": "11010519491231002X",
             "uscc": None, "address": "重庆市渝北区龙溪街道金山路18号3栋2单元501室",
             "phone": "13800138000", "is_minor": False}
    party.update(overrides.pop("party", {}))
    payload: dict[str, Any] = {
        "case_id": str(uuid.uuid4()), "procedure": "ordinary",
        "document_number": f"渝北市监罚〔2026〕{uuid.uuid4().int % 100000}号",
        "decided_on": (date.today() - timedelta(days=1)).isoformat(),
        "agency_id": str(AGENCY_ID), "region_code": REGION,
        "deciding_agency": {"id": str(AGENCY_ID), "name": "重庆市渝北区市场监督管理局",
                            "uscc": "11500112MB1234567X"},
        "matter": {"code": "SC-001", "name": "销售过期食品", "domain": "市场监管",
                   "legal_basis": "《中华人民共和国食品安全法》第三十四条",
                   "penalty_basis": "《中华人民共和国食品安全法》第一百二十四条"},
        "party": party,
        "facts": ("当事人张三（身份证号11010519491231002X，手机13800138000，"
                  "家住重庆市渝北区龙溪街道金山路18号3栋2单元501室）于2026年3月1日销售过期食品，"
                  "证人李四证实。当事人银行卡号6222021234567890123。"),
        "penalties": [{"kind": "fine", "amount_fen": 1234500}],
        "fine_fen": 1234500, "confiscation_fen": 0, "license_affected": None,
        "legal_basis": "《中华人民共和国食品安全法》第一百二十四条第一款",
    }
    payload.update(overrides)
    return payload


class PublicityDriver:
    def __init__(self, zhifa: Platform) -> None:
        self.zhifa = zhifa

    async def send(self, event_type: str, payload: dict[str, Any],
                   event_id: str | None = None) -> dict[str, Any]:
        event = {"id": event_id or str(uuid.uuid4()), "type": event_type, "source": "cases",
                 "aggregate_id": payload.get("case_id"), "payload": payload}
        async with self.zhifa.service("publicity") as client:
            resp = await client.post("/api/v1/publicity/events", json=event,
                                     headers=self.zhifa.headers("service"))
        assert resp.status_code == 200, resp.text
        return resp.json()

    async def decide(self, **overrides: Any) -> dict[str, Any]:
        payload = decided_payload(**overrides)
        await self.send("case.decided", payload)
        return payload

    async def revoke(self, case_id: str, reason: str = "经行政复议决定撤销",
                     revoked_on: str | None = None) -> None:
        await self.send("case.decision_revoked", {
            "case_id": case_id, "document_number": "", "reason": reason,
            "revoked_on": revoked_on or date.today().isoformat()})

    async def record(self, case_id: str) -> Disclosure:
        async with self.zhifa.session("publicity") as session:
            found = await session.scalar(select(Disclosure).where(
                Disclosure.case_id == uuid.UUID(case_id)))
            assert found is not None
            return found

    async def update(self, case_id: str, **values: Any) -> None:
        async with self.zhifa.session("publicity") as session:
            found = await session.scalar(select(Disclosure).where(
                Disclosure.case_id == uuid.UUID(case_id)))
            for key, value in values.items():
                setattr(found, key, value)
            await session.commit()


@pytest.fixture
def publicity(zhifa: Platform) -> PublicityDriver:
    return PublicityDriver(zhifa)
