"""Offline sync: per-record results (applied / already applied / refused with the problem),
savepoint per record, a replayed batch changes nothing."""

from __future__ import annotations

import uuid

from factories import PROBLEM, C, world
from harness import Platform
from inspection_factories import Inspections, default_body


def rec(inspection: dict, action: str, body: dict | None = None,
        if_match: int | None = None) -> dict:
    return {"client_id": str(uuid.uuid4()), "idempotency_key": uuid.uuid4().hex,
            "inspection_id": inspection["id"], "action": action,
            "if_match": None if if_match is None else f'W/"{if_match}"',
            "client_at": "2026-03-10T01:00:00Z",
            "body": default_body(action) if body is None else body}


class TestOfflineSync:
    async def test_batch_applies_refuses_and_replays_idempotently(self, zhifa: Platform
                                                                  ) -> None:
        """Refusals carry their rule: officers not qualified (行政处罚法第四十二条), stale
        If-Match (RFC 9110 §13.1.1), cap exceeded (国办发〔2024〕54号), a reused key."""
        w = await world(zhifa)
        x = Inspections(w)
        item, target = await x.item(annual_cap=1), await x.target()
        a = await x.act(await x.create(item, target), "approve")
        b = await x.create(item, target, emergency=True)
        b = await x.act(b, "notify")
        stranger = str(uuid.uuid4())
        onsite = {"kind": "onsite", "officer_ids": w.officers[:2], "place": "仓库",
                  "started_at": "2026-03-10T01:05:00Z", "ended_at": "2026-03-10T01:25:00Z",
                  "content": "现场检查消防通道"}
        v, device = a["version"], w.officer_headers()  # one device: one token subject
        batch = [rec(a, "notify", if_match=v), rec(a, "start", if_match=v + 1),
                 rec(a, "records", {**onsite, "officer_ids": [w.officers[0], stranger]}),
                 rec(a, "records", onsite), rec(a, "finish", if_match=v),
                 rec(a, "finish"), rec(b, "start")]
        resp = await zhifa.client.post(f"{C}/inspections/sync", headers=device,
                                       json={"records": batch})
        assert resp.status_code == 200, resp.text
        out = resp.json()
        statuses = [r["status"] for r in out["results"]]
        assert statuses == ["applied", "applied", "refused", "applied", "refused", "applied",
                            "refused"]
        problems = [r["problem"]["type"].removeprefix(PROBLEM) for r in out["results"]
                    if r["problem"]]
        assert problems == ["officers-not-qualified", "precondition-failed",
                            "inspection-cap-exceeded"]
        cap = out["results"][6]["problem"]
        assert "年度频次上限" in cap["rule"] and (cap["count"], cap["limit"]) == (1, 1)
        unqualified, stale = out["results"][2]["problem"], out["results"][4]["problem"]
        assert "行政处罚法第四十二条" in unqualified["rule"]  # two qualified officers
        assert "If-Match" in stale["rule"] and stale["current_version"] == v + 3
        after = (await zhifa.client.get(f"{C}/inspections/{a['id']}",
                                        headers=w.officer_headers())).json()
        assert after["status"] == "finished"
        records = (await zhifa.client.get(f"{C}/inspections/{a['id']}/records",
                                          headers=w.officer_headers())).json()
        assert len(records) == 1
        chain = f"{C}/inspections/{a['id']}/timeline"
        before = (await zhifa.client.get(chain, headers=w.officer_headers())).json()
        replay = await zhifa.client.post(f"{C}/inspections/sync", headers=device,
                                         json={"records": batch})
        again = [r["status"] for r in replay.json()["results"]]
        assert again == ["already_applied", "already_applied", "refused", "already_applied",
                         "refused", "already_applied", "refused"]
        assert replay.json()["results"][3]["resource_id"] == records[0]["id"]
        assert (await zhifa.client.get(chain, headers=w.officer_headers())).json() == before
        reused = {**batch[0], "body": {"method": "direct"}}
        clash = await zhifa.client.post(f"{C}/inspections/sync", headers=device,
                                        json={"records": [reused]})
        reuse = clash.json()["results"][0]["problem"]
        assert reuse["type"] == PROBLEM + "record-reused"
        assert "Idempotency-Key 只对应一条记录" in reuse["rule"]
        verify = (await zhifa.client.get(f"{chain}/verify", headers=w.officer_headers())).json()
        assert verify["valid"] is True
        still = (await zhifa.client.get(f"{C}/inspections/{b['id']}",
                                        headers=w.officer_headers())).json()
        assert still["status"] == "notified"
