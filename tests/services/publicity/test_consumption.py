"""Disclosure records built from `case.decided` / `case.decision_revoked`."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select

from services.publicity.disclosures.models import Disclosure

PROBLEMS = "https://zhifa.dev/problems/"


class TestCaseDecided:
    async def test_decision_is_published_with_template_fields(self, zhifa, publicity) -> None:
        payload = await publicity.decide()
        record = await publicity.record(payload["case_id"])
        assert record.status == "published"
        assert record.published_at is not None and not record.published_late
        assert record.party_name == "张三"
        assert record.penalty_category == "罚款"
        assert record.penalty_content == "罚款人民币12345.00元"
        assert record.masked_id_number == "110105********002X"
        assert record.agency_name == "重庆市渝北区市场监督管理局"

    async def test_publication_due_is_seven_working_days(self, zhifa, publicity) -> None:
        # 国办发〔2018〕118号 / 双公示: 2026-09-28 + 7 working days skips National Day and counts
        # the adjusted Saturday 2026-10-10
        payload = await publicity.decide(decided_on="2026-09-28")
        record = await publicity.record(payload["case_id"])
        assert record.publish_due_on == date(2026, 10, 13)
        assert record.published_late is True

    async def test_redelivered_event_changes_nothing(self, zhifa, publicity) -> None:
        payload = decided = await publicity.decide()
        event_id = str(uuid.uuid4())
        await publicity.send("case.decided", decided, event_id=event_id)
        ack = await publicity.send("case.decided", decided, event_id=event_id)
        assert ack == {"status": "duplicate"}
        async with zhifa.session("publicity") as session:
            count = await session.scalar(select(func.count()).select_from(Disclosure).where(
                Disclosure.case_id == uuid.UUID(payload["case_id"])))
        assert count == 1

    async def test_second_event_for_same_case_keeps_first_record(self, zhifa, publicity) -> None:
        payload = await publicity.decide()
        first = await publicity.record(payload["case_id"])
        await publicity.send("case.decided", {**payload, "facts": "另一版本"})
        again = await publicity.record(payload["case_id"])
        assert (again.id, again.facts, again.version) == (first.id, first.facts, first.version)

    async def test_minor_is_not_published(self, zhifa, publicity) -> None:
        # 总局令第45号第七条 / 行政处罚法第五十条: 未成年人 never published; record kept
        payload = await publicity.decide(party={"is_minor": True, "name": "小明"})
        record = await publicity.record(payload["case_id"])
        assert record.status == "not_published"
        assert "未成年人" in (record.status_rule or "")
        listing = (await zhifa.client.get("/api/v1/publicity/decisions")).json()
        assert listing["items"] == []
        detail = await zhifa.client.get(f"/api/v1/publicity/decisions/{record.id}")
        assert detail.status_code == 404
        assert detail.json()["type"] == PROBLEMS + "disclosure-not-found"

    async def test_minor_class_not_published_when_region_says_so(self, zhifa, publicity) -> None:
        resp = await zhifa.client.put("/api/v1/publicity/region-settings/500112",
                                      json={"publish_minor": False},
                                      headers=zhifa.headers("sysadmin"))
        assert resp.status_code == 200
        payload = await publicity.decide(penalties=[{"kind": "warning", "amount_fen": 0}],
                                         fine_fen=0)
        record = await publicity.record(payload["case_id"])
        assert (record.status, record.publicity_class) == ("not_published", "minor")

    async def test_region_masks_natural_person_name(self, zhifa, publicity) -> None:
        await zhifa.client.put("/api/v1/publicity/region-settings/500112",
                               json={"mask_person_name": True},
                               headers=zhifa.headers("sysadmin"))
        payload = await publicity.decide(facts="当事人张三销售过期食品。")
        record = await publicity.record(payload["case_id"])
        assert (record.party_name, record.facts) == ("张*", "当事人张*销售过期食品。")

    async def test_organisation_keeps_its_credit_code(self, zhifa, publicity) -> None:
        payload = await publicity.decide(party={"kind": "organization", "name": "某某食品有限公司",
                                                "uscc": "91500112MA5U123456", "id_number": None})
        record = await publicity.record(payload["case_id"])
        assert (record.party_code, record.masked_id_number) == ("91500112MA5U123456", None)

    async def test_serious_penalty_gets_three_year_period(self, zhifa, publicity) -> None:
        payload = await publicity.decide(
            decided_on="2026-03-02",
            penalties=[{"kind": "license_revocation", "amount_fen": 0}], fine_fen=0)
        record = await publicity.record(payload["case_id"])
        assert record.publicity_class == "serious"
        assert record.publicity_until == date(2029, 3, 2)
        assert record.publicity_min_until == date(2027, 3, 2)

    async def test_held_region_waits_for_release(self, zhifa, publicity) -> None:
        await zhifa.client.put("/api/v1/publicity/region-settings/500112",
                               json={"hold_for_review": True},
                               headers=zhifa.headers("sysadmin"))
        payload = await publicity.decide()
        record = await publicity.record(payload["case_id"])
        assert record.status == "pending"
        resp = await zhifa.client.post(
            f"/api/v1/publicity/disclosures/{record.id}/publish",
            headers=zhifa.headers("agency_admin", agency_id=payload["agency_id"]))
        assert resp.status_code == 200
        assert resp.json()["status"] == "published"


class TestCaseDecisionRevoked:
    async def test_published_record_is_withdrawn_with_reason(self, zhifa, publicity) -> None:
        payload = await publicity.decide()
        await publicity.revoke(payload["case_id"], reason="经行政复议决定撤销",
                               revoked_on="2026-09-29")
        record = await publicity.record(payload["case_id"])
        assert record.status == "withdrawn"
        # 行政处罚法第四十八条第二款: within 3 working days (National Day holiday skipped)
        assert record.withdraw_due_on == date(2026, 10, 9)
        detail = (await zhifa.client.get(f"/api/v1/publicity/decisions/{record.id}")).json()
        assert (detail["status"], detail["withdraw_reason"]) == ("withdrawn", "经行政复议决定撤销")
        assert (detail["party_name"], detail["facts"]) == ("", "")
        listing = (await zhifa.client.get("/api/v1/publicity/decisions")).json()
        assert listing["items"] == []
        withdrawn = (await zhifa.client.get("/api/v1/publicity/decisions",
                                            params={"status": "withdrawn"})).json()
        assert [i["decision_id"] for i in withdrawn["items"]] == [str(record.id)]

    async def test_revocation_before_decision_never_publishes(self, zhifa, publicity) -> None:
        case_id = str(uuid.uuid4())
        await publicity.revoke(case_id)
        await publicity.decide(case_id=case_id)
        record = await publicity.record(case_id)
        assert (record.status, record.published_at) == ("withdrawn", None)
        assert record.decided_on is not None


class TestRegionSettings:
    async def test_requires_token(self, zhifa) -> None:
        resp = await zhifa.client.put("/api/v1/publicity/region-settings/500112", json={})
        assert resp.status_code == 401
        assert resp.json()["type"] == PROBLEMS + "unauthorized"

    async def test_officer_is_forbidden(self, zhifa) -> None:
        resp = await zhifa.client.put("/api/v1/publicity/region-settings/500112", json={},
                                      headers=zhifa.headers("officer"))
        assert resp.status_code == 403
        assert resp.json()["type"] == PROBLEMS + "forbidden"

    async def test_supervisor_outside_region_is_refused(self, zhifa) -> None:
        resp = await zhifa.client.put("/api/v1/publicity/region-settings/500113", json={},
                                      headers=zhifa.headers("supervisor", region_code="500112"))
        assert resp.status_code == 403
        assert resp.json()["type"] == PROBLEMS + "region-out-of-scope"


class TestPublishDisclosure:
    async def test_requires_token(self, zhifa) -> None:
        resp = await zhifa.client.post(f"/api/v1/publicity/disclosures/{uuid.uuid4()}/publish")
        assert resp.status_code == 401

    async def test_officer_is_forbidden(self, zhifa) -> None:
        resp = await zhifa.client.post(f"/api/v1/publicity/disclosures/{uuid.uuid4()}/publish",
                                       headers=zhifa.headers("officer"))
        assert resp.status_code == 403

    async def test_other_agency_gets_404(self, zhifa, publicity) -> None:
        payload = await publicity.decide()
        record = await publicity.record(payload["case_id"])
        resp = await zhifa.client.post(
            f"/api/v1/publicity/disclosures/{record.id}/publish",
            headers=zhifa.headers("agency_admin", agency_id=uuid.uuid4()))
        assert resp.status_code == 404
        assert resp.json()["type"] == PROBLEMS + "disclosure-not-found"

    async def test_already_published_is_a_conflict(self, zhifa, publicity) -> None:
        payload = await publicity.decide()
        record = await publicity.record(payload["case_id"])
        resp = await zhifa.client.post(f"/api/v1/publicity/disclosures/{record.id}/publish",
                                       headers=zhifa.headers("sysadmin"))
        assert resp.status_code == 409
        assert resp.json()["type"] == PROBLEMS + "disclosure-not-pending"
