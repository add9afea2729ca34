"""The `zhifa` command: serve, migrate, users, demo, openapi, keys, calendar."""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from gateway.config import SERVICES

DEFAULT_DATA_DIR = os.environ.get("ZHIFA_DATA_DIR", "./var")


def service_app() -> Any:
    """The app `zhifa serve <service>` runs (a factory: every worker process builds its own);
    target and data directory come from `ZHIFA_SERVE_TARGET` / `ZHIFA_DATA_DIR`."""
    from gateway import composition

    target = os.environ["ZHIFA_SERVE_TARGET"]
    settings = composition.service_settings(target, os.environ.get("ZHIFA_DATA_DIR",
                                                                   DEFAULT_DATA_DIR))
    if settings.upstreams == {n: f"asgi://{n}" for n in settings.calls}:  # type: ignore
        gateway_url = os.environ.get("ZHIFA_GATEWAY_URL", "http://127.0.0.1:8000")
        settings.upstreams = {n: gateway_url for n in settings.calls}  # type: ignore
    return composition.create_service(target, settings)


def serve(target: str, host: str, port: int, data_dir: str, workers: int = 1) -> None:
    from common.app import run_uvicorn

    if target == "all":
        if workers > 1:  # the gateway reaches the services in-process: one process only
            sys.exit("一体化模式只运行一个进程；多进程请用分体模式"
                     "（zhifa serve <服务> --workers N）")
        from gateway import composition

        app = composition.build_all_in_one(data_dir)
        print(f"zhifa 一体化模式: http://{host}:{port}  (接口文档 /docs, 数据目录 {data_dir})",
              flush=True)
        run_uvicorn(app, host, port)
        return
    if target == "gateway":  # the gateway alone imports no service code
        run_uvicorn("gateway.app:create_app", host, port, workers)
        return
    os.environ["ZHIFA_SERVE_TARGET"], os.environ["ZHIFA_DATA_DIR"] = target, data_dir
    run_uvicorn("gateway.cli:service_app", host, port, workers)


def migrate(target: str, data_dir: str) -> None:
    from gateway.composition import service_settings
    from kit import migrate as kit_migrate

    for name in SERVICES if target == "all" else (target,):
        kit_migrate.upgrade(name, service_settings(name, data_dir).database_url)
        print(f"已迁移 {name}")


async def _create_user(data_dir: str, args: argparse.Namespace) -> None:
    from common.calendar import WorkingCalendar
    from common.context import Upstream
    from gateway.composition import service_settings
    from kit import engines
    from services.personnel.accounts.schemas import UserCreate
    from services.personnel.accounts.service import create_user
    from services.personnel.context import Ctx

    settings = service_settings("personnel", data_dir)
    engine = engines.create_engine(settings.database_url or "")
    try:
        async with engines.make_sessionmaker(engine)() as session:
            ctx = Ctx(session, None, None, WorkingCalendar(), settings, Upstream())
            user = await create_user(ctx, UserCreate(
                username=args.username, password=args.password, roles=args.role,
                agency_id=args.agency_id, officer_id=args.officer_id,
                region_code=args.region_code, display_name=args.display_name))
            await session.commit()
            print(f"已创建用户 {user.username} ({', '.join(user.roles)}) id={user.id}")
    finally:
        await engine.dispose()


OPENAPI_DIR = Path(__file__).resolve().parent.parent / "openapi"


def current_specs() -> dict[str, Any]:
    """Each service's OpenAPI as the code describes it now (no database or network needed)."""
    from gateway.composition import create_service, service_settings

    return {name: create_service(name, service_settings(name, "/nonexistent")).openapi()
            for name in SERVICES}


def openapi_cmd(action: str) -> None:
    from gateway.config import gateway_spec
    from kit import openapi

    specs = current_specs()
    out = OPENAPI_DIR
    if action == "export":
        for path in openapi.write_all(specs, out, gateway_spec(specs)):
            print(f"已写入 {path}")
        return
    stale = openapi.drifted(specs, out, gateway_spec(specs))
    if stale:
        print(f"openapi/ 与代码不一致: {', '.join(stale)}；请运行 `zhifa openapi export`")
        sys.exit(1)
    print("openapi/ 与代码一致")


def calendar_load(path: str, data_dir: str, year: int | None = None) -> None:
    """Copy an override file (.json/.csv) into <data_dir>/calendar, or read the State Council
    notice (.txt, 国务院办公厅关于部分节假日安排的通知) and store its dates as JSON."""
    import json

    from common.calendar import load_overrides
    from common.holiday_notice import parse_notice

    folder = Path(data_dir) / "calendar"
    folder.mkdir(parents=True, exist_ok=True)
    if Path(path).suffix.lower() == ".txt":
        data = parse_notice(Path(path).read_text(encoding="utf-8-sig"), year)
        (notice_year,) = data.complete_years
        target = folder / f"notice-{notice_year}.json"
        target.write_text(json.dumps({"years": [notice_year], "days": {
            day.isoformat(): flag for day, flag in sorted(data.overrides.items())}},
            ensure_ascii=False, indent=2), encoding="utf-8")
        load_overrides(target)  # the stored file must read back as a valid override file
    else:
        data = load_overrides(path)
        shutil.copy(path, folder / Path(path).name)
    years = ", ".join(map(str, sorted(data.complete_years))) or "（补丁，无完整年份）"
    print(f"已载入 {len(data.overrides)} 天的节假日数据，完整年份: {years}；重启服务后生效")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="zhifa", description="zhifa 行政执法与监督平台")
    sub = p.add_subparsers(dest="command", required=True)

    def data(sp: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sp.add_argument("--data-dir", default=DEFAULT_DATA_DIR, help="一体化模式数据目录")
        return sp

    s = data(sub.add_parser("serve", help="启动服务"))
    s.add_argument("target", nargs="?", default="all", choices=["all", "gateway", *SERVICES])
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--workers", type=int, default=None,
                   help="分体模式下的工作进程数（默认取 ZHIFA_WORKERS，否则 1）")
    m = data(sub.add_parser("migrate", help="数据库迁移到最新版本"))
    m.add_argument("target", nargs="?", default="all", choices=["all", *SERVICES])
    users = sub.add_parser("users", help="账户管理").add_subparsers(dest="action", required=True)
    u = data(users.add_parser("create", help="创建账户"))
    u.add_argument("--username", required=True)
    u.add_argument("--password", required=True)
    u.add_argument("--role", action="append", required=True,
                   choices=["officer", "agency_admin", "legal_reviewer", "supervisor",
                            "sysadmin"])
    u.add_argument("--agency-id")
    u.add_argument("--officer-id")
    u.add_argument("--region-code")
    u.add_argument("--display-name")
    demo = sub.add_parser("demo", help="演示数据").add_subparsers(dest="action", required=True)
    load = demo.add_parser("load", help="载入演示辖区（可重复执行）")
    data(load)
    load.add_argument("--year", type=int, default=None,
                      help="另载入该年度洛碛镇全年执法数据（复现种子报告 002 的各项数字）")
    o = sub.add_parser("openapi", help="导出或检查 openapi/")
    o.add_argument("action", choices=["export", "check"])
    keys = sub.add_parser("keys", help="签名密钥").add_subparsers(dest="action", required=True)
    data(keys.add_parser("rotate", help="生成新签名密钥，旧密钥仍可验签"))
    cal = sub.add_parser("calendar", help="节假日数据").add_subparsers(dest="action",
                                                                   required=True)
    c = data(cal.add_parser("load",
                            help="载入节假日覆盖文件 (JSON/CSV) 或国务院办公厅通知全文 (.txt)"))
    c.add_argument("file")
    c.add_argument("--year", type=int, help="通知所属年份（默认从通知标题读取）")
    for extend in _EXTENSIONS:
        extend(sub, data)
    return p


def _personnel_cli(sub: Any, data: Any) -> None:
    from services.personnel.cli import register

    register(sub, data)


def _inspections_cli(sub: Any, data: Any) -> None:
    from gateway.inspections_cli import register

    register(sub, data)


def _backup_cli(sub: Any, data: Any) -> None:
    from gateway.backup import register

    register(sub, data)


# service CLIs register here: (subparsers, data-dir adder) -> None; dispatch by `func`
_EXTENSIONS: list[Any] = [_personnel_cli, _inspections_cli, _backup_cli]


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    cmd = args.command
    if hasattr(args, "func"):
        args.func(args)
    elif cmd == "serve":
        from common.app import workers_from_env

        serve(args.target, args.host, args.port, args.data_dir,
              args.workers if args.workers is not None else workers_from_env())
    elif cmd == "migrate":
        migrate(args.target, args.data_dir)
    elif cmd == "users":
        asyncio.run(_create_user(args.data_dir, args))
    elif cmd == "demo":
        from gateway.demo import load_demo

        asyncio.run(load_demo(args.data_dir, args.year))
    elif cmd == "openapi":
        openapi_cmd(args.action)
    elif cmd == "keys":
        from kit.auth import KeyRing

        print(f"新密钥 kid={KeyRing.rotate(Path(args.data_dir) / 'keys')}；重启服务后生效")
    elif cmd == "calendar":
        try:
            calendar_load(args.file, args.data_dir, args.year)
        except ValueError as exc:
            sys.exit(f"载入失败：{exc}")


if __name__ == "__main__":
    main()
