"""Demo inspections (part of `zhifa demo load`): 木耳镇综合行政执法大队 publishes an item list,
registers a few dozen enterprises, runs one 双随机 draw with a fixed public seed, and has a
handful of inspections in different states, one of which became a case lead. Skipped when the
team's item list already exists, so loading again changes nothing."""

from __future__ import annotations

from typing import Any

from gateway.demo import fixed
from kit.db import planned_ids

C = "/api/v1/cases"
USCC_A = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ITEMS = [("JC-UM-01", "占道经营、店外经营检查", "《城市市容和环境卫生管理条例》第十四条"),
         ("JC-UM-02", "户外广告设置检查", "《城市市容和环境卫生管理条例》第十一条"),
         ("JC-UM-03", "门前三包责任落实检查", "《重庆市市容环境卫生管理条例》第十六条")]
SHOPS = ["餐馆", "超市", "五金店", "药房", "茶楼", "汽修厂"]
SEED = "2026-11-02 木耳镇双随机抽查 公证摇号 4719"


def demo_uscc(n: int) -> str:
    body = f"92500112MA{n:07d}"
    s = sum(USCC_A.index(ch) * pow(3, i, 31) for i, ch in enumerate(body))
    return body + USCC_A[(31 - s % 31) % 31]


async def load_inspections(demo: Any, agency: dict[str, Any], officer_ids: list[str],
                           matter_code: str) -> None:
    await demo.login("muer-admin")
    listed = (await demo.call("GET", f"{C}/inspection-items",
                              params={"agency_id": agency["id"]})).json()["items"]
    if listed:
        return
    items = []
    for code, name, basis in ITEMS:
        with planned_ids(inspection_items=[fixed(f"inspection-item/{code}")]):
            items.append((await demo.call("POST", f"{C}/inspection-items", json={
                "code": code, "name": name, "agency_id": agency["id"], "legal_basis": basis,
                "target_kind": "enterprise", "domain": "urban_management",
                "types_allowed": ["routine", "case", "special"],
                "methods_allowed": ["onsite", "document"], "double_random": "general",
                "ratio_by_risk": {"A": 0.05, "B": 0.1, "C": 0.3, "D": 1.0}, "annual_cap": 2,
                "checklist": [{"code": "1", "text": f"{name}是否符合规定"}],
                "publish": True})).json())
    await demo.login("muer-officer")
    for n in range(1, 33):
        with planned_ids(inspection_targets=[fixed(f"inspection-target/{n}")]):
            await demo.call("POST", f"{C}/inspection-targets", json={
                "kind": "enterprise", "uscc": demo_uscc(n),
                "name": f"木耳镇{SHOPS[n % 6]}{n:02d}号", "address": f"木耳镇金鞍路{n}号",
                "industry": SHOPS[n % 6], "grid": f"第{n % 4 + 1}网格",
                "credit_risk_class": "ABCD"[n % 4]})
    plan = (await demo.call("POST", f"{C}/spot-check-plans", json={
        "name": "2026年度木耳镇市容双随机抽查", "year": 2026, "item_ids": [items[0]["id"]],
        "inspector_ids": officer_ids})).json()
    draw = (await demo.call("POST", f"{C}/spot-check-plans/{plan['id']}/draws", json={
        "seed": SEED, "seed_source": "公证处现场摇号", "drawn_on": "2026-11-02"})).json()
    matter = next(m for m in (await demo.call("GET", f"{C}/matters", params={
        "agency_id": agency["id"]})).json()["items"] if m["code"] == matter_code)
    steps = ("approve", "notify", "start", "finish", "feedback")
    for n, drawn in enumerate(draw["targets"][:5]):
        with planned_ids(inspections=[fixed(f"inspection/{n}")]):
            inspection = (await demo.call("POST", f"{C}/inspections", json={
                "type": "routine", "item_ids": [items[0]["id"]],
                "target_id": drawn["target_id"], "method": "onsite",
                "officer_ids": drawn["inspector_ids"], "assistants": 1,
                "planned_on": "2026-11-10", "plan_id": plan["id"], "draw_id": draw["id"]})).json()
        for step in steps[:n + 1]:
            if step == "approve":
                await demo.login("muer-admin")
            body = _body(step, n)
            if step == "approve":  # the team's 负责人 approves (the last officer named)
                body["approver_id"] = officer_ids[-1]
            await demo.call("POST", f"{C}/inspections/{inspection['id']}/{step}", json=body)
            if step == "approve":
                await demo.login("muer-officer")
        if n == 3:
            await demo.call("POST", f"{C}/inspections/{inspection['id']}/lead",
                            json={"matter_id": matter["id"]})


def _body(step: str, n: int) -> dict[str, Any]:
    result = {"result": "case", "findings": "店外经营占用人行道，经劝阻拒不改正"} if n == 3 else {
        "result": "rectify", "findings": "门前堆放杂物", "rectification_due_on": "2026-11-20"}
    return {"approve": {"opinion": "同意"}, "notify": {"method": "onsite"},
            "start": {"attest_discipline": True, "started_at": "2026-11-10T01:00:00Z"},
            "finish": {**result, "ended_at": "2026-11-10T02:00:00Z"},
            "feedback": {"delivered_on": "2026-11-11", "content": "已告知检查结果"}}[step]
