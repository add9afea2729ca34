"""`zhifa personnel import FILE [--partial] [--agency-id ID]`: import a roster into the
personnel database of the data dir (one-process SQLite) or of `PERSONNEL_DATABASE_URL`."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from kit import engines
from kit import errors as kit_errors


class ProgressBar:
    """A one-line textual progress bar on stderr."""

    def __init__(self, width: int = 30) -> None:
        self.width, self.started = width, time.perf_counter()

    def __call__(self, phase: str, done: int, total: int) -> None:
        filled = int(self.width * done / total) if total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\r{phase} [{bar}] {done}/{total} "
                         f"{time.perf_counter() - self.started:.1f}s{end}")
        sys.stderr.flush()


def _print_errors(items: list[dict[str, Any]], limit: int = 200) -> None:
    for item in items[:limit]:
        print(f"  第{item['row']}行 [{item['column']}] {item['message']}")
    if len(items) > limit:
        print(f"  …… 另有 {len(items) - limit} 条错误")


async def run_import(args: argparse.Namespace) -> int:
    from common.calendar import WorkingCalendar
    from common.context import Upstream
    from kit import migrate
    from services.personnel.config import PersonnelSettings
    from services.personnel.context import Ctx
    from services.personnel.identifiers import PiiVault
    from services.personnel.imports.service import import_roster

    settings = PersonnelSettings(data_dir=args.data_dir)
    url = settings.database_url or ""
    if settings.is_sqlite:
        await asyncio.to_thread(Path(args.data_dir).mkdir, parents=True, exist_ok=True)
        await migrate.upgrade_async("personnel", url)
    vault = PiiVault.load(settings.pii_key, settings.data_dir,
                          generate=settings.environment == "dev")
    content = await asyncio.to_thread(Path(args.file).read_bytes)
    engine = engines.create_engine(url)
    bar = ProgressBar()
    started = time.perf_counter()
    try:
        async with engines.make_sessionmaker(engine)() as session:
            # the local operator: no principal (any agency); an import emits no event
            ctx = Ctx(session, None, None, WorkingCalendar(), settings, Upstream())
            report = await import_roster(
                ctx, vault, args.file, content, partial=args.partial,
                agency_id=uuid.UUID(args.agency_id) if args.agency_id else None, progress=bar)
            await session.commit()
    except kit_errors.Problem as exc:
        print(f"导入失败：{exc.detail}")
        _print_errors(exc.extensions.get("errors", []))
        return 1
    finally:
        await engine.dispose()
    print(f"已导入 {report.imported_officers} 名人员、{report.imported_certificates} 张执法证"
          f"（共 {report.total_rows} 行，用时 {time.perf_counter() - started:.2f}s）")
    if report.skipped_rows:
        print(f"跳过 {len(report.skipped_rows)} 行：")
        _print_errors([e.model_dump() for e in report.errors])
    return 0


def _command(args: argparse.Namespace) -> None:
    code = asyncio.run(run_import(args))
    if code:
        sys.exit(code)


def register(subparsers: Any, data_arg: Any) -> None:
    personnel = subparsers.add_parser("personnel", help="人员管理")
    actions = personnel.add_subparsers(dest="action", required=True)
    imp = data_arg(actions.add_parser(
        "import", help="导入花名册（CSV/XLSX，中文表头；默认有错误行则不导入任何数据）"))
    imp.add_argument("file", help="CSV 或 XLSX 文件")
    imp.add_argument("--partial", action="store_true", help="只导入正确的行并列出跳过的行")
    imp.add_argument("--agency-id", help="文件未填写单位时使用的单位 ID")
    imp.set_defaults(func=_command)
