"""`zhifa inspections import targets FILE`: the registry import from the command line, with a
progress bar and the row-level report, against the platform's own databases."""

from __future__ import annotations

import argparse
from typing import Any

import pytest
from factories import C, uscc, world
from harness import Platform

from gateway.inspections_cli import run_import


async def test_cli_imports_targets_in_chunks_with_a_report(
        zhifa: Platform, tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    w = await world(zhifa, officers=0)
    for name, app in zhifa.apps.items():
        monkeypatch.setenv(f"{name.upper()}_DATABASE_URL", app.state.settings.database_url)
    lines = ["统一社会信用代码,名称,类型,地址,信用风险分类"]
    lines += [f"{uscc()},木耳镇商户{n},企业,木耳镇人民路{n}号,C" for n in range(5)]
    lines.insert(3, "12345,坏代码商户,企业,木耳镇,C")  # file row 4: bad check digit
    path = tmp_path / "targets.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    code = await run_import(argparse.Namespace(file=str(path), agency_id=w.agency_id,
                                               chunk=2, data_dir=str(tmp_path / "cli")))
    out = capsys.readouterr()
    assert code == 0, out
    assert "新增 5 个、更新 0 个检查对象，拒绝 1 行（共 6 行" in out.out
    assert "第4行" in out.out and "6/6" in out.err  # the progress bar reached the end
    listed = (await zhifa.client.get(f"{C}/inspection-targets?limit=200",
                                     headers=w.officer_headers())).json()["items"]
    assert sorted(t["name"] for t in listed) == [f"木耳镇商户{n}" for n in range(5)]
    code = await run_import(argparse.Namespace(file=str(path), agency_id=w.agency_id,
                                               chunk=200, data_dir=str(tmp_path / "cli")))
    assert code == 0 and "新增 0 个、更新 5 个" in capsys.readouterr().out  # again: updates


async def test_cli_imports_items_row_by_row(
        zhifa: Platform, tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from gateway.inspections_cli import run_item_import

    w = await world(zhifa, officers=0)
    for name, app in zhifa.apps.items():
        monkeypatch.setenv(f"{name.upper()}_DATABASE_URL", app.state.settings.database_url)
    path = tmp_path / "items.csv"
    path.write_text("\n".join([
        "编码,名称,法律依据,对象类型,领域,检查类型,检查方式,双随机,年度上限",
        "JC-01,占道经营检查,《城市市容和环境卫生管理条例》第十四条,enterprise,urban_management,"
        "routine;case,onsite,general,2",
        "JC-02,户外广告检查,,enterprise,urban_management,routine,onsite,general,",  # no basis
    ]), encoding="utf-8")
    code = await run_item_import(argparse.Namespace(file=str(path), agency_id=w.agency_id,
                                                    publish=True,
                                                    data_dir=str(tmp_path / "cli")))
    out = capsys.readouterr()
    assert code == 0, out
    assert "新增 1 个检查事项，拒绝 1 行（共 2 行）" in out.out and "第3行" in out.out
    assert "2/2" in out.err
    items = (await zhifa.client.get(f"{C}/inspection-items?published=true&agency_id="
                                    f"{w.agency_id}")).json()["items"]
    assert [(i["code"], i["annual_cap"], i["types_allowed"]) for i in items] == [
        ("JC-01", 2, ["routine", "case"])]
