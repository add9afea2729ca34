"""全过程记录 (行政处罚法第四十七条): every action is a link of a hash chain; direct database
tampering — a changed, deleted or reordered entry — is caught by verify."""

from __future__ import annotations

import uuid

from factories import C, World, world
from harness import Platform
from sqlalchemy import delete, select, update

from services.cases.models import Evidence
from services.cases.timeline.models import TimelineEntry


async def verify(w: World, case_id: str) -> dict:
    resp = await w.client.get(f"{C}/cases/{case_id}/timeline/verify",
                              headers=w.officer_headers())
    assert resp.status_code == 200, resp.text
    return resp.json()


async def investigated(w: World) -> str:
    case = await w.filed()
    resp = await w.client.post(
        f"{C}/cases/{case['id']}/evidence", headers=w.officer_headers(),
        files={"file": ("photo.jpg", b"\xff\xd8\xffab", "image/jpeg")},
        data={"kind": "audiovisual", "description": "现场照片", "officer_ids": w.officers[:2]})
    assert resp.status_code == 201, resp.text
    await w.act(case["id"], "records", {
        "kind": "inspection", "officer_ids": w.officers[:2],
        "started_at": "2026-03-04T02:00:00Z", "ended_at": "2026-03-04T02:30:00Z",
        "place": "人民路", "content": "现场检查……"}, expect=201)
    return case["id"]


class TestTimeline:
    async def test_every_action_is_recorded_in_order(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        cid = await investigated(w)
        resp = await zhifa.client.get(f"{C}/cases/{cid}/timeline", headers=w.officer_headers())
        entries = resp.json()
        assert [e["action"] for e in entries] == ["register", "file", "evidence", "record"]
        assert [e["seq"] for e in entries] == [1, 2, 3, 4]
        assert entries[0]["prev_hash"] == "0" * 64
        assert all(b["prev_hash"] == a["hash"] for a, b in zip(entries, entries[1:],
                                                                strict=False))
        assert sorted(entries[1]["officer_ids"]) == sorted(w.officers[:2])
        assert entries[2]["payload"]["sha256"] and entries[2]["payload"]["size"] == 5

    async def test_untouched_chain_is_valid(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        cid = await investigated(w)
        assert await verify(w, cid) == {"valid": True, "entries": 4, "first_invalid": None}


class TestTampering:
    async def test_changed_payload_is_caught(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        cid = await investigated(w)
        async with zhifa.session("cases") as s:
            e = await s.scalar(select(TimelineEntry).where(
                TimelineEntry.case_id == uuid.UUID(cid), TimelineEntry.seq == 3))
            assert e is not None
            e.payload = {**e.payload, "sha256": "0" * 64}
            await s.commit()
        assert await verify(w, cid) == {"valid": False, "entries": 4, "first_invalid": 3}

    async def test_changed_actor_is_caught(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        cid = await investigated(w)
        async with zhifa.session("cases") as s:
            await s.execute(update(TimelineEntry).where(
                TimelineEntry.case_id == uuid.UUID(cid), TimelineEntry.seq == 2).values(
                actor="someone-else"))
            await s.commit()
        assert (await verify(w, cid))["first_invalid"] == 2

    async def test_deleted_middle_entry_is_caught(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        cid = await investigated(w)
        async with zhifa.session("cases") as s:
            await s.execute(delete(TimelineEntry).where(
                TimelineEntry.case_id == uuid.UUID(cid), TimelineEntry.seq == 2))
            await s.commit()
        assert await verify(w, cid) == {"valid": False, "entries": 3, "first_invalid": 3}

    async def test_deleted_last_entry_is_caught(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        cid = await investigated(w)
        async with zhifa.session("cases") as s:
            await s.execute(delete(TimelineEntry).where(
                TimelineEntry.case_id == uuid.UUID(cid), TimelineEntry.seq == 4))
            await s.commit()
        assert await verify(w, cid) == {"valid": False, "entries": 3, "first_invalid": 4}

    async def test_reordered_entries_are_caught(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        cid = await investigated(w)
        async with zhifa.session("cases") as s:
            rows = {e.seq: e for e in (await s.scalars(select(TimelineEntry).where(
                TimelineEntry.case_id == uuid.UUID(cid)))).all()}
            rows[2].seq = 100
            await s.flush()
            rows[3].seq = 2
            await s.flush()
            rows[2].seq = 3
            await s.commit()
        assert (await verify(w, cid))["first_invalid"] == 2

    async def test_evidence_hash_is_in_the_chain(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        cid = await investigated(w)
        async with zhifa.session("cases") as s:
            ev = await s.scalar(select(Evidence).where(Evidence.case_id == uuid.UUID(cid)))
            assert ev is not None
            entry = await s.scalar(select(TimelineEntry).where(
                TimelineEntry.case_id == uuid.UUID(cid), TimelineEntry.action == "evidence"))
            assert entry is not None and entry.payload["sha256"] == ev.sha256

    async def test_verify_of_foreign_case_is_404(self, zhifa: Platform) -> None:
        w = await world(zhifa)
        other = await world(zhifa)
        cid = await investigated(other)
        resp = await zhifa.client.get(f"{C}/cases/{cid}/timeline/verify",
                                      headers=w.officer_headers())
        assert resp.status_code == 404
        assert resp.json()["type"].endswith("/case-not-found")
