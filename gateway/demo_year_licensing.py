"""The demo year's licensing (gateway/demo_year.py, seed 002): 洛碛镇人民政府's matters, the
entrustment of the 林木采伐 licence, and 41 applications accepted, reviewed and granted over the
in-process HTTP API (32 乡村建设规划, 9 林木采伐)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from gateway.demo_year import C, day_in
from gateway.demo_year_data import RURAL_APPS, id_number


async def load_licensing(self: Any) -> None:
    from gateway.demo_year_data import licence_matters

    await self.demo.login("luoqi-licensing")
    gov = self.gov
    catalogue = await self.call("POST", f"{C}/matters", json={
        "code": "LY-LQ-01", "name": "林木采伐许可（受委托）", "kind": "license",
        "source": "entrusted", "domain": "planning",
        "legal_basis": "《中华人民共和国森林法》第五十七条", "agency_id": gov["id"],
        "region_code": gov["region_code"], "effective_from": f"{self.year}-01-01"})
    agreement = await self.call("POST", f"{C}/entrustment-agreements", json={
        "number": f"渝北林委〔{self.year}〕2号", "delegating_agency_name": "重庆市渝北区林业局",
        "agency_name": gov["name"], "matter_ids": [catalogue["id"]],
        "powers": "农村居民采伐自留山和个人承包集体林地上林木的采伐许可",
        "valid_from": f"{self.year}-01-01", "valid_until": f"{self.year + 4}-12-31",
        "published_on": f"{self.year}-01-05", "publication_ref": "渝北区政府网"})
    ids = {}
    for body in licence_matters(gov["name"]):
        extra = {"entrustment_agreement_id": agreement["id"]} \
            if body["delegation_kind"] == "entrusted" else {}
        ids[body["code"]] = await self.call("POST", f"{C}/licence-matters", json={
            **body, **extra, "agency_id": gov["id"], "publish": True})
    review = {"reviewer_ids": self.pair(0), "findings": "现场踏勘，符合条件"}
    for n in range(41):
        matter = ids["XK-0101"] if n < RURAL_APPS else ids["XK-0201"]
        on = day_in(self.rng, self.year, 5, 320)
        app = await self.call("POST", f"{C}/licence-applications", json={
            "matter_id": matter["id"], "received_on": on.isoformat(),
            "request": f"申请{matter['name']}", "applicant": {
                "kind": "person", "name": f"村民{n + 1:02d}",
                "id_number": id_number(f"1970{n % 12 + 1:02d}20", 300 + n)}})
        for m in [m for m in matter["materials"] if m["required"]]:
            await self.demo.call(
                "POST", f"{C}/licence-applications/{app['id']}/materials",
                data={"name": m["name"]},
                files={"file": ("m.pdf", b"%PDF-1.4 demo", "application/pdf")})
        base = f"{C}/licence-applications/{app['id']}"
        await self.call("POST", f"{base}/accept", json={"on": on.isoformat()})
        await self.call("POST", f"{base}/review", json={
            **review, "on": (on + timedelta(days=2)).isoformat()})
        await self.call("POST", f"{base}/decide", json={
            "granted": True, "reasons": "符合条件", "on": (on + timedelta(days=9)).isoformat(),
            "content": matter["name"] + "，按申请内容准予"})
