"""`zhifa inspections import targets FILE --agency-id ID [--chunk N]`: load a 检查对象名录库
(CSV/XLSX, the same columns as `POST /api/v1/cases/inspection-targets/imports`) into the data
dir's one-process platform, with a progress bar and the row-level report.
`zhifa inspections import items FILE --agency-id ID [--publish]`: a 检查事项清单, one row per
item (columns 编码, 名称, 法律依据, 对象类型, 领域, 检查类型, 检查方式, 双随机, 年度上限; lists
separated by ";"), each row through `POST /api/v1/cases/inspection-items`.

The file is read with the service's own reader and sent in chunks of `--chunk` rows through
the same HTTP import (in process, through the gateway), as the agency's administrator: the
operator holds the data dir and so its signing keys, as for `zhifa users create`. Rows are
independent (each row is imported, updated or rejected on its own), so chunking changes no
outcome; row numbers in the report are the file's."""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import sys
import time
from pathlib import Path
from typing import Any

from kit import errors as kit_errors

C = "/api/v1/cases"



async def run_import(args: argparse.Namespace) -> int:
    import httpx

    from gateway.composition import build_all_in_one
    from kit.auth import issue_access_token, service_token
    from services.cases.inspections.catalogue.service import read_rows
    from services.personnel.cli import ProgressBar

    content = await asyncio.to_thread(Path(args.file).read_bytes)
    try:
        rows = read_rows(args.file, content)
    except kit_errors.Problem as exc:  # the file cannot be read: shown to the operator
        print(f"导入失败：{getattr(exc, 'detail', exc)}")
        return 1
    app = build_all_in_one(args.data_dir)
    counts = {"imported": 0, "updated": 0, "rejected": 0}
    rejected: list[dict[str, Any]] = []
    started = time.perf_counter()
    async with app.router.lifespan_context(app):
        cases = app.state.services["cases"].state
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://cli",
                                     timeout=120) as client:
            svc = service_token(cases.keyring, cases.settings.jwt, "cases")
            resp = await client.get(f"/api/v1/personnel/agencies/{args.agency_id}",
                                    headers={"Authorization": f"Bearer {svc}"})
            if resp.status_code != 200:
                print(f"导入失败：执法机关 {args.agency_id} 不存在")
                return 1
            token = issue_access_token(cases.keyring, cases.settings.jwt,
                                       subject="cli:inspections-import",
                                       username="cli:inspections-import",
                                       roles=["agency_admin"], agency_id=args.agency_id,
                                       region_code=resp.json()["region_code"])
            bar = ProgressBar()
            bar("导入检查对象", 0, len(rows))
            for start in range(0, len(rows), args.chunk):
                chunk = rows[start:start + args.chunk]
                resp = await client.post(
                    f"{C}/inspection-targets/imports",
                    headers={"Authorization": f"Bearer {token}"},
                    data={"agency_id": args.agency_id},
                    files={"file": ("chunk.csv", _csv(chunk), "text/csv")})
                if resp.status_code != 200:
                    sys.stderr.write("\n")
                    print(f"导入失败：{resp.json().get('detail', resp.text)}")
                    return 1
                report = resp.json()
                for k in counts:
                    counts[k] += report[k]
                rejected += [{**r, "row": r["row"] + start} for r in report["rows"]
                             if r["status"] == "rejected"]
                bar("导入检查对象", start + len(chunk), len(rows))
    print(f"新增 {counts['imported']} 个、更新 {counts['updated']} 个检查对象，"
          f"拒绝 {counts['rejected']} 行（共 {len(rows)} 行，用时 "
          f"{time.perf_counter() - started:.2f}s）")
    for r in rejected[:200]:
        print(f"  第{r['row']}行 {'；'.join(r['errors'])}")
    return 0


ITEM_COLUMNS = {"编码": "code", "法律依据": "legal_basis", "对象类型": "target_kind",
                "领域": "domain", "检查类型": "types_allowed", "检查方式": "methods_allowed",
                "双随机": "double_random", "年度上限": "annual_cap"}
LISTS = ("types_allowed", "methods_allowed")


def item_body(row: dict[str, Any], agency_id: str, publish: bool) -> dict[str, Any]:
    r = {ITEM_COLUMNS.get(k, k): v for k, v in row.items()}
    body: dict[str, Any] = {k: r.get(k) or None for k in (
        "code", "name", "legal_basis", "target_kind", "domain", "double_random")}
    body.update({k: [x for x in str(r.get(k) or "").replace("；", ";").split(";") if x]
                 for k in LISTS})
    cap = str(r.get("annual_cap") or "").strip()
    body.update(agency_id=agency_id, publish=publish, annual_cap=int(cap) if cap.isdigit()
                else None, double_random=body["double_random"] or "none")
    return body


async def run_item_import(args: argparse.Namespace) -> int:
    import httpx

    from gateway.composition import build_all_in_one
    from kit.auth import issue_access_token, service_token
    from services.cases.inspections.catalogue.service import read_rows
    from services.personnel.cli import ProgressBar

    content = await asyncio.to_thread(Path(args.file).read_bytes)
    try:
        rows = read_rows(args.file, content)
    except kit_errors.Problem as exc:  # the file cannot be read: shown to the operator
        print(f"导入失败：{getattr(exc, 'detail', exc)}")
        return 1
    app = build_all_in_one(args.data_dir)
    imported, rejected = 0, []
    async with app.router.lifespan_context(app):
        cases = app.state.services["cases"].state
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://cli", timeout=120) as client:
            svc = service_token(cases.keyring, cases.settings.jwt, "cases")
            resp = await client.get(f"/api/v1/personnel/agencies/{args.agency_id}",
                                    headers={"Authorization": f"Bearer {svc}"})
            if resp.status_code != 200:
                print(f"导入失败：执法机关 {args.agency_id} 不存在")
                return 1
            token = issue_access_token(cases.keyring, cases.settings.jwt,
                                       subject="cli:inspections-import",
                                       username="cli:inspections-import",
                                       roles=["agency_admin"], agency_id=args.agency_id,
                                       region_code=resp.json()["region_code"])
            bar = ProgressBar()
            for n, row in enumerate(rows, start=2):
                resp = await client.post(f"{C}/inspection-items",
                                         headers={"Authorization": f"Bearer {token}"},
                                         json=item_body(row, args.agency_id, args.publish))
                if resp.status_code == 201:
                    imported += 1
                else:
                    problem = resp.json()
                    fields = [e.get("field", "") for e in problem.get("errors", [])]
                    rejected.append((n, problem.get("detail", "") +
                                     (f"（{'、'.join(fields)}）" if fields else "")))
                bar("导入检查事项", n - 1, len(rows))
    print(f"新增 {imported} 个检查事项，拒绝 {len(rejected)} 行（共 {len(rows)} 行）")
    for n, why in rejected[:200]:
        print(f"  第{n}行 {why}")
    return 0


def _csv(rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    fields = sorted({k for r in rows for k in r})
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for r in rows:
        writer.writerow({k: "" if r.get(k) is None else r.get(k) for k in fields})
    return out.getvalue().encode("utf-8")


def _command(args: argparse.Namespace) -> None:
    code = asyncio.run(run_import(args) if args.what == "targets" else run_item_import(args))
    if code:
        sys.exit(code)


def register(subparsers: Any, data_arg: Any) -> None:
    top = subparsers.add_parser("inspections", help="行政检查")
    actions = top.add_subparsers(dest="action", required=True)
    imp = actions.add_parser("import", help="批量导入").add_subparsers(dest="what",
                                                                    required=True)
    t = data_arg(imp.add_parser("targets", help="导入检查对象名录库（CSV/XLSX，逐行报告）"))
    t.add_argument("file", help="CSV 或 XLSX 文件（中文或英文表头）")
    t.add_argument("--agency-id", required=True, help="检查对象所属执法机关 ID")
    t.add_argument("--chunk", type=int, default=200, help="每批行数（默认 200）")
    t.set_defaults(func=_command)
    i = data_arg(imp.add_parser("items", help="导入检查事项清单（CSV/XLSX，逐行报告）"))
    i.add_argument("file", help="CSV 或 XLSX 文件（中文或英文表头）")
    i.add_argument("--agency-id", required=True, help="实施检查的执法机关 ID")
    i.add_argument("--publish", action="store_true", help="导入即公布（未公布的事项不得实施）")
    i.set_defaults(func=_command)
