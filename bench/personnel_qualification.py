"""Latency of the qualification check (one query for all officers) for 2 and 20 officers.

    .venv/bin/python bench/personnel_qualification.py [--calls 500] [--staff 2000] [--pg URL]

In-process loop of N calls of the service function on a migrated database (temporary SQLite
file, or a new database on the given PostgreSQL server) holding `--staff` certified officers.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from common.principal import Principal

SERVICE = Principal(subject="service:bench", roles=frozenset({"service"}))

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from personnel_import import agencies, encode, prepare, roster  # noqa: E402
from sqlalchemy import select, text  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from common.calendar import WorkingCalendar  # noqa: E402
from common.context import Upstream  # noqa: E402
from kit import engines  # noqa: E402
from services.personnel.certificates.schemas import QualificationCheck  # noqa: E402
from services.personnel.config import PersonnelSettings  # noqa: E402
from services.personnel.context import Ctx  # noqa: E402
from services.personnel.identifiers import PiiVault  # noqa: E402
from services.personnel.imports.service import import_roster  # noqa: E402
from services.personnel.qualifications.service import check_qualifications  # noqa: E402
from services.personnel.staff.models import Officer  # noqa: E402


async def main(calls: int, staff: int, pg: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url, created = await prepare(pg, folder)
        settings = PersonnelSettings(data_dir=folder, database_url=url)
        engine = engines.create_engine(url)
        maker = engines.make_sessionmaker(engine)
        units = agencies()
        async with maker() as session:
            session.add_all(units)
            await session.commit()
            await import_roster(Ctx(session, None, None, WorkingCalendar(), settings, Upstream()),
                                PiiVault.load(None, folder, generate=True),
                                "r.csv", encode(roster(staff, units), "csv"))
            await session.commit()
            ids = list((await session.scalars(select(Officer.id).order_by(Officer.id)
                                               .limit(20))).all())
        for size in (2, 20):
            body = QualificationCheck(officer_ids=ids[:size], domain="urban_management",
                                      on_date=date(2026, 6, 1))
            timings = []
            async with maker() as session:
                ctx = Ctx(session, SERVICE, None, WorkingCalendar(), settings, Upstream())
                for _ in range(calls):
                    started = time.perf_counter()
                    await check_qualifications(ctx, body, date(2026, 6, 1))
                    timings.append((time.perf_counter() - started) * 1000)
                    await session.rollback()
            timings.sort()
            print(f"{'PostgreSQL' if pg else 'SQLite'} {size:>2} officers: "
                  f"mean {statistics.mean(timings):.2f} ms, p50 {timings[len(timings) // 2]:.2f}"
                  f" ms, p95 {timings[int(len(timings) * 0.95)]:.2f} ms over {calls} calls "
                  f"({staff} officers on file)")
        await engine.dispose()
        if created and pg:
            admin = create_async_engine(pg, isolation_level="AUTOCOMMIT")
            async with admin.connect() as conn:
                await conn.execute(text(f'DROP DATABASE "{created}" WITH (FORCE)'))
            await admin.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--staff", type=int, default=2000)
    parser.add_argument("--pg", help="postgresql+asyncpg://… of a server to create a DB on")
    args = parser.parse_args()
    asyncio.run(main(args.calls, args.staff, args.pg))
