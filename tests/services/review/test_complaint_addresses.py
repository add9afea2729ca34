"""The public complaint endpoints and the client address (issue 10, points 9 and 12): the limiter
believes X-Forwarded-For only from a trusted proxy, and anonymous idempotency keys are scoped by
address."""

from __future__ import annotations

import httpx
from harness import Platform

URL = "/api/v1/review/complaints"


def body(helpers) -> dict:
    return {"category": "violation_report", "content": "某餐馆夜间占道经营，油烟扰民",
            "contact_name": "张三", "contact_phone": "13800000000",
            "target_agency_id": str(helpers.AGENCY), "location": "某街道12号",
            "region_code": "500112100"}


def review_from(zhifa: Platform, peer: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=zhifa.apps["review"], client=(peer, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://review", timeout=60)


class TestComplaintLimiterAddress:
    async def test_forwarded_for_from_an_untrusted_peer_does_not_buy_new_buckets(
            self, zhifa: Platform, helpers):
        zhifa.apps["review"].state.settings.complaint_rate_burst = 2
        async with review_from(zhifa, "203.0.113.5") as review:
            codes = [(await review.post(URL, json=body(helpers),
                                        headers={"X-Forwarded-For": f"10.9.9.{i}"})).status_code
                     for i in range(3)]
        assert codes == [201, 201, 429]

    async def test_the_gateway_hop_is_trusted(self, zhifa: Platform, helpers):
        zhifa.apps["review"].state.settings.complaint_rate_burst = 1
        async with review_from(zhifa, "127.0.0.1") as review:
            codes = [(await review.post(URL, json=body(helpers),
                                        headers={"X-Forwarded-For": f"198.51.100.{i}"}))
                     .status_code for i in range(2)]
        assert codes == [201, 201]


class TestAnonymousIdempotency:
    async def test_same_key_and_body_from_two_addresses_are_two_complaints(
            self, zhifa: Platform, helpers):
        key = {"Idempotency-Key": "same-key-1"}
        async with review_from(zhifa, "203.0.113.6") as a, review_from(zhifa, "203.0.113.7") as b:
            first = await a.post(URL, json=body(helpers), headers=key)
            other = await b.post(URL, json=body(helpers), headers=key)
            replay = await a.post(URL, json=body(helpers), headers=key)
        assert first.status_code == other.status_code == 201
        assert first.json()["tracking_code"] != other.json()["tracking_code"]
        assert replay.headers.get("idempotent-replayed") == "true"
        assert replay.json()["tracking_code"] == first.json()["tracking_code"]
