"""Build the representative data set of a release through its own API and dump every row.

Run once at a release, from that release's code (here v0.1.0), from the repository root:
    PYTHONPATH=. .venv/bin/python tests/migrations/make_release_fixture.py \
        tests/migrations/fixtures/v0.1.0.json
The dump holds, per service, the migration head and every table's rows as typed JSON values;
test_release_upgrade.py loads it into a database at those heads and upgrades to today's head."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

sys.path += [str(Path(__file__).parents[1]), str(Path(__file__).parents[1] / "services" / "cases")]
from factories import REV, C, World, id_number
from harness import Databases, platform
from sqlalchemy import select, text

from gateway.config import SERVICES
from kit.auth import KeyRing


def encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, uuid.UUID):
        return {"$uuid": str(value)}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, dict | list):
        return {"$json": value}
    return value


async def build(zhifa: Any) -> None:
    w = await World(zhifa).setup()
    c = zhifa.client
    for stage in ("lead", "filed", "concluded", "notified", "decided"):
        case = await getattr(w, stage)()
    resp = await c.post(f"{C}/cases/{case['id']}/evidence", headers=w.officer_headers(),
                        files={"file": ("photo.jpg", b"\xff\xd8photo-bytes", "image/jpeg")},
                        data={"kind": "audiovisual", "description": "现场照片",
                              "officer_ids": w.officers[:2]})
    assert resp.status_code in (201, 409), resp.text
    filed = await w.filed()
    resp = await c.post(f"{C}/cases/{filed['id']}/evidence", headers=w.officer_headers(),
                        files={"file": ("photo.jpg", b"\xff\xd8photo-bytes", "image/jpeg")},
                        data={"kind": "audiovisual", "description": "现场照片",
                              "officer_ids": w.officers[:2]})
    assert resp.status_code == 201, resp.text
    resp = await c.post(f"{C}/cases/{filed['id']}/coercive-measures",
                        headers=w.officer_headers(), json={
                            "kind": "seize", "items": [{"name": "三轮车", "quantity": "1",
                                                        "unit": "辆"}],
                            "officer_ids": w.officers[:2], "approver_id": w.officers[2],
                            "started_on": "2026-03-10", "place": "人民路"})
    assert resp.status_code == 201, resp.text
    other = await w.filed()
    resp = await c.post(f"{C}/cases/{other['id']}/transfers", headers=w.officer_headers(),
                        json={"kind": "judicial", "target_name": "区公安分局",
                              "reason": "涉嫌犯罪", "report": "移送报告正文",
                              "officer_ids": w.officers[:2]})
    assert resp.status_code == 201, resp.text
    resp = await c.post(f"{C}/summary-decisions", headers=w.officer_headers(), json={
        "matter_id": w.matter["id"], "party": {"kind": "person", "name": "李四", "id_number":
                                               id_number(), "address": "人民路1号"},
        "penalty": {"kind": "fine", "amount": "200.00"}, "officer_ids": w.officers[:2],
        "facts": "占道摆摊经营", "decided_at": "2026-11-20T02:00:00Z", "place": "人民路"})
    assert resp.status_code == 201, resp.text
    big = await w.concluded(fine="30000.00")
    await w.approve_review(big["id"])
    resp = await c.post(f"{REV}/complaints", json={
        "category": "violation_report", "content": "有人占道经营", "target_agency_id":
        w.agency_id, "region_code": "500112100", "contact_name": "市民",
        "contact_phone": "13900000000"})
    assert resp.status_code == 201, resp.text
    for name, roles, officer in (("muer-officer", ["officer"], w.officers[0]),
                                 ("muer-admin", ["agency_admin"], None)):
        resp = await c.post("/api/v1/personnel/users", headers=w.sys, json={
            "username": name, "password": "zhifa-demo-2026", "roles": roles,
            "agency_id": w.agency_id, "region_code": "500112100", "officer_id": officer})
        assert resp.status_code == 201, resp.text
    await zhifa.drain()


async def main(out: Path) -> None:
    root = Path(tempfile.mkdtemp())
    (root / "templates").mkdir()
    keys = root / "keys"
    KeyRing.rotate(keys)
    dbs = Databases(root)
    await dbs.setup()
    dump: dict[str, Any] = {}
    async with platform(dbs, root, keys) as zhifa:
        await build(zhifa)
        for s in SERVICES:
            app = zhifa.apps[s]
            metadata = __import__(f"services.{s}.models", fromlist=["Base"]).Base.metadata
            async with app.state.sessionmaker() as session:
                head = (await session.execute(text("SELECT version_num FROM alembic_version"))
                        ).scalar_one()
                tables: dict[str, list[dict[str, Any]]] = {}
                for table in metadata.sorted_tables:
                    rows = (await session.execute(select(table))).mappings().all()
                    if rows:
                        tables[table.name] = [{k: encode(v) for k, v in r.items()}
                                              for r in rows]
            dump[s] = {"head": head, "tables": tables}
    await asyncio.to_thread(out.write_text, json.dumps(dump, ensure_ascii=False, indent=1,
                                                       sort_keys=True))
    print({s: {t: len(r) for t, r in d["tables"].items()} for s, d in dump.items()})


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
