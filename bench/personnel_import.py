"""Time a roster import of N rows (default 2,000: a district has about 1,700 officers).

    .venv/bin/python bench/personnel_import.py [--rows 2000] [--format csv|xlsx] [--pg URL]

Generates a roster with valid 身份证号 and 执法证号 spread over a district and ten towns,
migrates a fresh personnel database (a temporary SQLite file, or a new database on the given
PostgreSQL server) and runs the same service function as the CLI and the HTTP endpoint.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from common.calendar import WorkingCalendar  # noqa: E402
from common.context import Upstream  # noqa: E402
from kit import engines, migrate  # noqa: E402
from services.personnel.agencies.models import Agency  # noqa: E402
from services.personnel.cli import ProgressBar  # noqa: E402
from services.personnel.config import PersonnelSettings  # noqa: E402
from services.personnel.context import Ctx  # noqa: E402
from services.personnel.identifiers import PiiVault, id_check_char, uscc_check_char  # noqa: E402
from services.personnel.imports.service import import_roster  # noqa: E402

HEADER = ["姓名", "身份证号", "单位统一社会信用代码", "人员类别", "在岗", "法律职业资格",
          "执法证号", "执法领域", "执法区域", "发证日期"]


def agencies() -> list[Agency]:
    out = []
    for i in range(11):
        first = f"11500112MB{i:07d}"[:17]
        region = "500112" if i == 0 else f"500112{100 + i:03d}"
        out.append(Agency(name=f"单位{i}", uscc=first + uscc_check_char(first),
                          kind="district_department" if i == 0 else "township_government",
                          region_code=region, domains=["urban_management"]))
    return out


def roster(rows: int, units: list[Agency]) -> list[list[str]]:
    out = [HEADER]
    for i in range(rows):
        first = f"500112{1960 + i % 40}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
        unit = units[i % len(units)]
        certified = i % 10 != 0
        out.append([f"人员{i}", first + id_check_char(first), unit.uscc,
                    "在编" if certified else "劳务派遣", "是", "否",
                    f"50{i:08d}" if certified else "", "urban_management、market_regulation"
                    if certified else "", "", "2025-07-01" if certified else ""])
    return out


def encode(rows: list[list[str]], fmt: str) -> bytes:
    if fmt == "csv":
        return "\n".join(",".join(r) for r in rows).encode("utf-8-sig")
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


async def prepare(pg: str | None, folder: str) -> tuple[str, str | None]:
    if not pg:
        url = f"sqlite+aiosqlite:///{folder}/personnel.db"
        await migrate.upgrade_async("personnel", url)
        return url, None
    name = f"bench_personnel_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(pg, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    url = pg.rsplit("/", 1)[0] + "/" + name
    await migrate.upgrade_async("personnel", url)
    return url, name


async def main(rows: int, fmt: str, pg: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url, created = await prepare(pg, folder)
        settings = PersonnelSettings(data_dir=folder, database_url=url)
        vault = PiiVault.load(None, folder, generate=True)
        engine = engines.create_engine(url)
        maker = engines.make_sessionmaker(engine)
        units = agencies()
        async with maker() as session:
            session.add_all(units)
            await session.commit()
        content = encode(roster(rows, units), fmt)
        started = time.perf_counter()
        async with maker() as session:
            ctx = Ctx(session, None, None, WorkingCalendar(), settings, Upstream())
            report = await import_roster(ctx, vault, f"roster.{fmt}", content,
                                         progress=ProgressBar())
            await session.commit()
        elapsed = time.perf_counter() - started
        await engine.dispose()
        if created and pg:
            admin = create_async_engine(pg, isolation_level="AUTOCOMMIT")
            async with admin.connect() as conn:
                await conn.execute(text(f'DROP DATABASE "{created}" WITH (FORCE)'))
            await admin.dispose()
    print(f"{'PostgreSQL' if pg else 'SQLite'} {fmt}: {report.imported_officers} officers, "
          f"{report.imported_certificates} certificates from {rows} rows in {elapsed:.2f}s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--pg", help="postgresql+asyncpg://… of a server to create a DB on")
    args = parser.parse_args()
    asyncio.run(main(args.rows, args.format, args.pg))
