"""The deadline list (发布 7 个工作日 / 撤回 3 个工作日), scoped to agency / region / sysadmin."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

PROBLEMS = "https://zhifa.dev/problems/"
URL = "/api/v1/publicity/disclosure-status"
AGENCY_ID = "00000000-0000-4000-8000-00000000a001"


class TestListDisclosureStatus:
    async def test_requires_token(self, zhifa) -> None:
        resp = await zhifa.client.get(URL)
        assert resp.status_code == 401
        assert resp.json()["type"] == PROBLEMS + "unauthorized"

    async def test_service_role_is_forbidden(self, zhifa) -> None:
        resp = await zhifa.client.get(URL, headers=zhifa.headers("service"))
        assert resp.status_code == 403
        assert resp.json()["type"] == PROBLEMS + "forbidden"

    async def test_late_publication_is_flagged(self, zhifa, publicity) -> None:
        # decided a month ago, consumed today: past the 7-working-day due date (118号/双公示)
        late = await publicity.decide(decided_on=(date.today() - timedelta(days=30)).isoformat())
        await publicity.decide()
        resp = await zhifa.client.get(URL, params={"state": "late"},
                                      headers=zhifa.headers("agency_admin", agency_id=AGENCY_ID))
        assert resp.status_code == 200
        [item] = resp.json()["items"]
        assert (item["case_id"], item["is_late"], item["status"]) == (
            late["case_id"], True, "published")

    async def test_pending_past_due_is_late(self, zhifa, publicity) -> None:
        await zhifa.client.put("/api/v1/publicity/region-settings/500112",
                               json={"hold_for_review": True},
                               headers=zhifa.headers("sysadmin"))
        payload = await publicity.decide()
        await publicity.update(payload["case_id"], publish_due_on=date.today() - timedelta(1))
        pending = (await zhifa.client.get(URL, params={"state": "pending"},
                                          headers=zhifa.headers("sysadmin"))).json()
        late = (await zhifa.client.get(URL, params={"state": "late"},
                                       headers=zhifa.headers("sysadmin"))).json()
        assert [i["case_id"] for i in pending["items"]] == [payload["case_id"]]
        assert [(i["case_id"], i["is_late"]) for i in late["items"]] == [
            (payload["case_id"], True)]

    async def test_withdrawn_items_carry_reason_and_due_date(self, zhifa, publicity) -> None:
        payload = await publicity.decide()
        await publicity.revoke(payload["case_id"], reason="复议撤销")
        [item] = (await zhifa.client.get(URL, params={"state": "withdrawn"},
                                         headers=zhifa.headers("sysadmin"))).json()["items"]
        assert (item["withdraw_reason"], item["withdraw_is_late"]) == ("复议撤销", False)
        assert item["withdraw_due_on"] > item["revoked_on"]

    async def test_other_agency_sees_nothing(self, zhifa, publicity) -> None:
        await publicity.decide()
        resp = await zhifa.client.get(URL, headers=zhifa.headers(
            "agency_admin", agency_id=uuid.uuid4()))
        assert resp.json()["items"] == []

    async def test_supervisor_sees_own_region_only(self, zhifa, publicity) -> None:
        mine = await publicity.decide()
        await publicity.decide(region_code="500113001")
        resp = await zhifa.client.get(URL, headers=zhifa.headers("supervisor",
                                                                 region_code="500112"))
        assert [i["case_id"] for i in resp.json()["items"]] == [mine["case_id"]]

    async def test_cursor_pages_through(self, zhifa, publicity) -> None:
        for _ in range(3):
            await publicity.decide()
        headers = zhifa.headers("sysadmin")
        first = (await zhifa.client.get(URL, params={"limit": 2}, headers=headers)).json()
        second = (await zhifa.client.get(URL, params={"limit": 2, "cursor": first["next_cursor"]},
                                         headers=headers)).json()
        ids = {i["decision_id"] for i in first["items"] + second["items"]}
        assert len(ids) == 3 and second["next_cursor"] is None

    async def test_bad_cursor_is_a_400(self, zhifa) -> None:
        resp = await zhifa.client.get(URL, params={"cursor": "WyJ4IiwieSJd"},
                                      headers=zhifa.headers("sysadmin"))
        assert resp.status_code == 400
        assert resp.json()["type"] == PROBLEMS + "invalid-cursor"
