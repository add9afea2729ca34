"""The case list writes its page without a model per row (`reads.page_json`): the bytes must be
exactly what `Page[CaseSummary]` serialises to — every field, in order, the same date, datetime
and uuid formats, nulls kept — for a lead, a filed case and a party with few details."""

from __future__ import annotations

from factories import C, id_number, world
from harness import Platform
from pydantic import TypeAdapter

from kit.schemas import Page
from services.cases.lifecycle.schemas.reads import CaseSummary

PAGE = TypeAdapter(Page[CaseSummary])


async def test_the_list_bytes_are_the_models_bytes(zhifa: Platform) -> None:
    w = await world(zhifa)
    await w.lead()
    await w.filed()
    await w.lead(party={"kind": "person", "name": "李四", "id_number": id_number("20100305")})
    for params, count in (({}, 3), ({"limit": 2}, 2), ({"status": "investigating"}, 1)):
        resp = await zhifa.client.get(f"{C}/cases", headers=w.officer_headers(), params=params)
        assert resp.status_code == 200 and resp.headers["content-type"] == "application/json"
        model = Page[CaseSummary].model_validate_json(resp.content)
        assert resp.content == PAGE.dump_json(model)
        assert len(model.items) == count
    first = Page[CaseSummary].model_validate_json(
        (await zhifa.client.get(f"{C}/cases", headers=w.officer_headers())).content).items
    minor = next(c for c in first if c.party.name == "李四")
    assert minor.party.is_minor and minor.party.id_number and "*" in minor.party.id_number
    assert minor.number is None and minor.filed_on is None and minor.officer_ids == []
    filed = next(c for c in first if c.status == "investigating")
    assert filed.filed_on is not None and len(filed.officer_ids) == 2


async def test_an_officers_cases_page_newest_first_across_cursors(zhifa: Platform) -> None:
    """The officer filter keys its pages on `case_officers` (the case's copied `created_at` and
    id): one case a page, every case of the officer once, newest first, none of the others."""
    w = await world(zhifa)
    mine = [(await w.filed())["id"] for _ in range(3)]
    await w.lead()  # a lead has no officers yet
    seen, cursor = [], None
    for _ in range(5):
        page = (await zhifa.client.get(f"{C}/cases", headers=w.officer_headers(), params={
            "officer_id": w.officers[0], "limit": 1, **({"cursor": cursor} if cursor else {})
        })).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == mine[::-1]
