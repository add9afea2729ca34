"""Inspection test helpers over the real API: published items, registry targets, inspections
driven to a given state."""

from __future__ import annotations

import itertools
from typing import Any

from factories import C, World, uscc

_n = itertools.count(1)
STEPS = ("approve", "notify", "start", "finish", "feedback")


class Inspections:
    def __init__(self, w: World) -> None:
        self.w, self.client = w, w.client

    async def item(self, publish: bool = True, **over: Any) -> dict[str, Any]:
        body = {"code": f"JC{next(_n):04d}", "name": "占道经营检查", "agency_id": self.w.agency_id,
                "legal_basis": "《城市市容和环境卫生管理条例》第十四条",
                "target_kind": "enterprise", "domain": "urban_management",
                "types_allowed": ["routine", "case", "special"],
                "methods_allowed": ["onsite", "document"], "double_random": "general",
                "ratio_by_risk": {"A": 0.01, "B": 0.05, "C": 0.2, "D": 1.0},
                "checklist": [{"code": "1", "text": "是否占道经营"}], "publish": publish,
                **over}
        resp = await self.client.post(f"{C}/inspection-items", headers=self.w.admin_headers(),
                                      json=body)
        assert resp.status_code == 201, resp.text
        return resp.json()

    async def target(self, **over: Any) -> dict[str, Any]:
        body = {"kind": "enterprise", "uscc": uscc(), "name": f"木耳商贸有限公司{next(_n)}",
                "address": "木耳镇人民路8号", "industry": "零售", "grid": "一网格",
                "credit_risk_class": "C", **over}
        resp = await self.client.post(f"{C}/inspection-targets",
                                      headers=self.w.officer_headers(), json=body)
        assert resp.status_code == 201, resp.text
        return resp.json()

    def body(self, item: dict[str, Any], target: dict[str, Any] | None, **over: Any
             ) -> dict[str, Any]:
        return {"type": "routine", "item_ids": [item["id"]],
                "target_id": target["id"] if target else None, "method": "onsite",
                "officer_ids": self.w.officers[:2], "assistants": 1,
                "planned_on": "2026-03-10", **over}

    async def create(self, item: dict[str, Any], target: dict[str, Any] | None,
                     **over: Any) -> dict[str, Any]:
        resp = await self.client.post(f"{C}/inspections", headers=self.w.officer_headers(),
                                      json=self.body(item, target, **over))
        assert resp.status_code == 201, resp.text
        return resp.json()

    async def act(self, inspection: dict[str, Any], action: str,
                  body: dict[str, Any] | None = None, expect: int = 200,
                  headers: dict[str, str] | None = None) -> dict[str, Any]:
        h = headers or (self.w.admin_headers() if action == "approve"
                        else self.w.officer_headers())
        payload = dict(body if body is not None else default_body(action))
        if action == "approve":  # the third officer is the agency's head (负责人)
            payload.setdefault("approver_id", self.w.officers[2])
        resp = await self.client.post(f"{C}/inspections/{inspection['id']}/{action}",
                                      headers=h, json=payload)
        assert resp.status_code == expect, resp.text
        return resp.json()

    async def walk(self, inspection: dict[str, Any], until: str) -> dict[str, Any]:
        out = inspection
        for step in STEPS:
            out = await self.act(inspection, step)
            if step == until:
                break
        return out


def default_body(action: str) -> dict[str, Any]:
    return {"approve": {"opinion": "同意"}, "notify": {"method": "onsite"},
            "start": {"attest_discipline": True,
                      "started_at": "2026-03-10T01:00:00Z"},
            "finish": {"result": "rectify", "findings": "门前占道堆放货物",
                       "rectification_due_on": "2026-03-20",
                       "ended_at": "2026-03-10T02:00:00Z",
                       "checklist_results": [{"code": "1", "passed": False}]},
            "feedback": {"delivered_on": "2026-03-11", "content": "责令限期改正"}}.get(action, {})
