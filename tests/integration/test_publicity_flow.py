"""cases → publicity end to end: a real 当场处罚 decision becomes a public record after the
outbox delivers `case.decided`; publicity being unreachable loses nothing."""

from __future__ import annotations

import socket
from typing import Any

import httpx
from factories_extra import agency_with_officers, create_matter, summary_request
from harness import Platform
from sqlalchemy import func, select, update

from services.cases.models import platform as cases_platform
from services.publicity.disclosures.models import Disclosure

SUMMARY = "/api/v1/cases/summary-decisions"
PUBLIC = ["/api/v1/publicity/decisions", "/api/v1/publicity/feeds/decisions.atom",
          "/api/v1/publicity/exports/penalties.csv?template=natural"]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _decide(zhifa: Platform, agency: Any, matter: Any, **over: Any) -> dict[str, Any]:
    resp = await zhifa.client.post(SUMMARY, headers=agency.headers(zhifa),
                                   json=summary_request(agency, matter, **over))
    assert resp.status_code == 201, resp.text
    return resp.json()


async def _published(zhifa: Platform) -> int:
    async with zhifa.session("publicity") as session:
        return await session.scalar(select(func.count()).select_from(Disclosure).where(
            Disclosure.status == "published"))


class TestSummaryDecisionIsPublished:
    async def test_decision_reaches_every_public_feed_redacted(self, zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa)
        matter = await create_matter(zhifa, agency)
        request = summary_request(agency, matter)
        resp = await zhifa.client.post(SUMMARY, headers=agency.headers(zhifa), json=request)
        assert resp.status_code == 201, resp.text
        number = resp.json()["document_number"]
        await zhifa.drain()
        bodies = [(await zhifa.client.get(path)).text for path in PUBLIC]
        items = (await zhifa.client.get(PUBLIC[0])).json()["items"]
        assert [(i["document_number"], i["procedure"], i["fine_amount"]) for i in items] == [
            (number, "summary", "200.00")]
        party = request["party"]
        for body in bodies:
            assert number in body
            assert party["id_number"] not in body and party["phone"] not in body
            assert party["address"] not in body
        assert "0.02" in bodies[2]  # 200 元 = 0.02 万元 in the 双公示 CSV


class TestRevokedDecisionIsWithdrawn:
    async def test_revocation_in_cases_withdraws_the_public_record(self,
                                                                  zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa)
        matter = await create_matter(zhifa, agency)
        decision = await _decide(zhifa, agency, matter)
        await zhifa.drain()
        resp = await zhifa.client.post(
            f"/api/v1/cases/cases/{decision['case_id']}/revoke-decision",
            headers=agency.headers(zhifa, "agency_admin"),
            json={"reason": "经复议决定撤销", "kind": "revoked"})
        assert resp.status_code == 200, resp.text
        await zhifa.drain()
        assert (await zhifa.client.get(PUBLIC[0])).json()["items"] == []
        withdrawn = (await zhifa.client.get(PUBLIC[0], params={"status": "withdrawn"})).json()
        [item] = withdrawn["items"]
        assert (item["document_number"], item["withdraw_reason"]) == (
            decision["document_number"], "经复议决定撤销")


class TestPublicityDownWhileDeciding:
    async def test_fifty_decisions_are_published_exactly_once(self, zhifa: Platform) -> None:
        agency = await agency_with_officers(zhifa)
        matter = await create_matter(zhifa, agency)
        outbox = zhifa.apps["cases"].state.outbox
        real = outbox.clients["publicity"]
        dead = httpx.AsyncClient(base_url=f"http://127.0.0.1:{_closed_port()}", timeout=2)
        outbox.clients["publicity"] = dead
        try:
            for _ in range(50):
                await _decide(zhifa, agency, matter)
            await zhifa.drain()
            assert await _published(zhifa) == 0
        finally:
            outbox.clients["publicity"] = real
            await dead.aclose()
        row = cases_platform.Outbox
        async with zhifa.session("cases") as session:
            pending = await session.scalar(select(func.count()).select_from(row).where(
                row.event_type == "case.decided", row.status == "pending"))
            assert pending == 50
            await session.execute(update(row).where(row.status == "pending").values(
                next_attempt_at=row.occurred_at))
            await session.commit()
        await zhifa.drain()
        assert await _published(zhifa) == 50
        await zhifa.drain()
        assert await _published(zhifa) == 50
        listing = (await zhifa.client.get(PUBLIC[0], params={"limit": 200})).json()
        assert len(listing["items"]) == 50
