"""Bulk roster import: all-or-nothing by default with a row-level report, --partial mode,
CSV and XLSX, the HTTP endpoint and the CLI."""

import argparse
import io
from typing import Any

import pytest
from check_digits import id_check as id_check_char
from openpyxl import Workbook

from services.personnel.cli import run_import

World = Any
P = "/api/v1/personnel"
HEADER = ["姓名", "身份证号", "单位统一社会信用代码", "人员类别", "在岗", "法律职业资格",
          "执法证号", "执法领域", "执法区域", "发证日期"]


def make_id(seq: int) -> str:
    first = f"50011219850101{seq:03d}"[:17]
    return first + id_check_char(first)


def roster(world: World, rows: int, *, broken: dict[int, dict[str, str]] | None = None
           ) -> list[list[str]]:
    out = [HEADER]
    for i in range(rows):
        row = {"姓名": f"队员{i}", "身份证号": make_id(i), "单位统一社会信用代码":
               world.town_a["uscc"], "人员类别": "在编", "在岗": "是", "法律职业资格": "否",
               "执法证号": f"IMP{i:06d}", "执法领域": "urban_management、market_regulation",
               "执法区域": "", "发证日期": "2025/07/01"}
        row.update((broken or {}).get(i, {}))
        out.append([row[h] for h in HEADER])
    return out


def as_csv(rows: list[list[str]]) -> bytes:
    return "\n".join(",".join(r) for r in rows).encode("utf-8-sig")


def as_xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


async def _upload(world: World, name: str, content: bytes, headers: Any = None,
                  **form: str) -> Any:
    return await world.client.post(f"{P}/imports", headers=headers or world.sys,
                                   files={"file": (name, content)}, data=form)


async def _count(world: World) -> int:
    resp = await world.client.get(f"{P}/officers?limit=200", headers=world.sys)
    return len(resp.json()["items"])


class TestImportRoster:
    async def test_imports_a_csv_with_certificates(self, world: World) -> None:
        resp = await _upload(world, "roster.csv", as_csv(roster(world, 3)))
        assert resp.status_code == 201
        assert resp.json() == {"total_rows": 3, "imported_officers": 3,
                               "imported_certificates": 3, "skipped_rows": [], "errors": []}
        directory = (await world.client.get(f"{P}/directory")).json()
        assert [d["certificate_number"] for d in directory] == ["IMP000000", "IMP000001",
                                                                 "IMP000002"]
        assert directory[0]["valid_until"] == "2030-06-30"
        assert directory[0]["domains"] == ["urban_management", "market_regulation"]

    async def test_imports_an_xlsx(self, world: World) -> None:
        resp = await _upload(world, "roster.xlsx", as_xlsx(roster(world, 2)))
        assert resp.status_code == 201 and resp.json()["imported_officers"] == 2

    async def test_one_bad_row_rejects_the_whole_file(self, world: World) -> None:
        rows = roster(world, 4, broken={
            1: {"身份证号": "110105194912310021"},
            2: {"人员类别": "劳务派遣"},
            3: {"身份证号": make_id(0), "单位统一社会信用代码": "91350100M000100Y43"}})
        resp = await _upload(world, "roster.csv", as_csv(rows))
        assert resp.status_code == 422
        body = resp.json()
        assert body["type"].endswith("/import-rejected")
        assert body["errors"] == [
            {"row": 3, "column": "身份证号", "message": "身份证号校验位错误（GB 11643-1999）"},
            {"row": 4, "column": "执法证号", "message": "非在编人员或执法辅助人员不得持有执法证"},
            {"row": 5, "column": "单位统一社会信用代码", "message": "单位未登记"}]
        assert await _count(world) == 0

    async def test_duplicates_inside_the_file_and_on_record(self, world: World) -> None:
        await _upload(world, "first.csv", as_csv(roster(world, 1)))
        rows = roster(world, 3, broken={2: {"身份证号": make_id(1), "执法证号": "IMP000001"}})
        body = (await _upload(world, "second.csv", as_csv(rows))).json()
        assert body["errors"] == [
            {"row": 2, "column": "身份证号", "message": "该身份证号已登记"},
            {"row": 2, "column": "执法证号", "message": "执法证号已存在"},
            {"row": 4, "column": "身份证号", "message": "与第3行身份证号重复"},
            {"row": 4, "column": "执法证号", "message": "与第3行执法证号重复"}]

    async def test_partial_imports_valid_rows_and_lists_the_rest(self, world: World) -> None:
        rows = roster(world, 3, broken={1: {"发证日期": "2025-13-01"}})
        resp = await _upload(world, "roster.csv", as_csv(rows), partial="true")
        assert resp.status_code == 201
        body = resp.json()
        assert (body["imported_officers"], body["skipped_rows"]) == (2, [3])
        assert body["errors"] == [{"row": 3, "column": "发证日期",
                                   "message": "发证日期缺失或格式错误（YYYY-MM-DD）"}]
        assert await _count(world) == 2

    async def test_missing_required_columns(self, world: World) -> None:
        resp = await _upload(world, "roster.csv", "姓名,单位\n张三,甲镇\n".encode())
        assert resp.status_code == 422
        assert [e["column"] for e in resp.json()["errors"]] == ["身份证号", "人员类别"]

    async def test_agency_admin_cannot_import_into_another_town(self, world: World) -> None:
        resp = await _upload(world, "roster.csv", as_csv(roster(world, 1)),
                             world.headers("agency_admin", world.town_b))
        assert resp.json()["errors"] == [{"row": 2, "column": "单位统一社会信用代码",
                                          "message": "无权导入其他单位的人员"}]

    async def test_default_agency_for_rows_without_a_unit(self, world: World) -> None:
        rows = [["姓名", "身份证号", "人员类别"], ["张三", make_id(7), "工勤"]]
        resp = await _upload(world, "roster.csv", as_csv(rows),
                             world.headers("agency_admin", world.town_a),
                             agency_id=world.town_a["id"])
        assert resp.status_code == 201 and resp.json()["imported_certificates"] == 0

    async def test_officer_role_is_forbidden(self, world: World) -> None:
        resp = await _upload(world, "roster.csv", b"x", world.headers("officer", world.town_a))
        assert resp.status_code == 403

    async def test_requires_a_token(self, world: World) -> None:
        resp = await world.client.post(f"{P}/imports", files={"file": ("r.csv", b"x")})
        assert resp.status_code == 401


class TestImportCommand:
    """`zhifa personnel import FILE` against the service's own database."""

    @pytest.fixture
    def cli_env(self, world: World, monkeypatch: pytest.MonkeyPatch) -> str:
        settings = world.zhifa.apps["personnel"].state.settings
        monkeypatch.setenv("PERSONNEL_DATABASE_URL", settings.database_url)
        return settings.data_dir

    async def test_imports_and_reports(self, world: World, cli_env: str, tmp_path: Any,
                                       capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "roster.xlsx"
        path.write_bytes(as_xlsx(roster(world, 5)))
        code = await run_import(argparse.Namespace(file=str(path), partial=False,
                                                   agency_id=None, data_dir=cli_env))
        assert code == 0
        assert "已导入 5 名人员、5 张执法证" in capsys.readouterr().out
        assert await _count(world) == 5

    async def test_rejects_and_writes_nothing(self, world: World, cli_env: str, tmp_path: Any,
                                              capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "roster.csv"
        path.write_bytes(as_csv(roster(world, 2, broken={1: {"姓名": ""}})))
        code = await run_import(argparse.Namespace(file=str(path), partial=False,
                                                   agency_id=None, data_dir=cli_env))
        assert code == 1
        assert "第3行 [姓名] 姓名必填，且不超过50字" in capsys.readouterr().out
        assert await _count(world) == 0
