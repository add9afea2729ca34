"""`zhifa backup` / `zhifa restore`: a consistent copy of the one-process data dir while it
serves.

What a backup holds: each service's SQLite file, copied through SQLite's online backup API
(a transactionally consistent snapshot per file, taken while writers go on), then every other
file of the data dir: the evidence store (content-addressed, written before the row that names
it commits, so every evidence row of the snapshot finds its file), the signing keys, the
personal-data key and the calendar overrides. A `manifest.json` records the SHA-256 of every
member; `restore` checks them before anything lands in the target dir.

The four files are snapshotted one after another, not in one transaction: an event in flight
between two services is in the producer's outbox of the snapshot and is delivered again after a
restore (the consumer's inbox absorbs a redelivery). PostgreSQL (split mode): see README
(`pg_dump` per service database plus the evidence store)."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gateway.config import SERVICES

FORMAT = "zhifa-backup/1"
_LIVE_SUFFIXES = (".db", ".db-wal", ".db-shm", ".db-journal")


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _sqlite_path(service: str, data_dir: Path) -> Path:
    from gateway.composition import service_settings

    url = service_settings(service, str(data_dir)).database_url or ""
    if not url.startswith("sqlite"):
        raise BackupError(f"{service} 不在 SQLite 上（{url.split('://')[0]}）：分离模式请用 "
                          "pg_dump 备份各服务数据库，见 README")
    return Path(url.split(":///", 1)[1])


def _evidence_dir(data_dir: Path) -> Path:
    from gateway.composition import service_settings

    settings: Any = service_settings("cases", str(data_dir))
    return Path(settings.evidence_dir or data_dir / "evidence")


def _snapshot(src: Path, dst: Path) -> None:
    """SQLite online backup: readers and writers on `src` go on while it copies."""
    source = sqlite3.connect(src, timeout=30)
    target = sqlite3.connect(dst)
    try:
        with target:
            source.backup(target, pages=256)
        if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"{src.name} 的快照未通过完整性检查")
    finally:
        target.close()
        source.close()


def backup(data_dir: Path, target: Path) -> dict[str, Any]:
    data_dir, target = data_dir.resolve(), target.resolve()
    if not data_dir.is_dir():
        raise BackupError(f"数据目录不存在: {data_dir}")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".zhifa-backup-") as tmp:
        stage = Path(tmp) / "data"
        stage.mkdir()
        databases = {}
        for service in SERVICES:  # databases first: the files they name already exist
            src = _sqlite_path(service, data_dir)
            _snapshot(src, stage / f"{service}.db")
            databases[service] = f"{service}.db"
        evidence = _evidence_dir(data_dir).resolve()
        sources = [(data_dir, stage)]
        if not evidence.is_relative_to(data_dir):
            sources.append((evidence, stage / "evidence"))
        for root, into in sources:
            for path in sorted(root.rglob("*")):
                rel = path.relative_to(root)
                if (path.is_dir() or path == target or path.name.startswith(".upload-")
                        or (root == data_dir and len(rel.parts) == 1
                            and path.name.endswith(_LIVE_SUFFIXES))):
                    continue
                (into / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, into / rel)
        files = {str(p.relative_to(stage)): _sha256(p)
                 for p in sorted(stage.rglob("*")) if p.is_file()}
        manifest = {"format": FORMAT, "created_at": datetime.now(UTC).isoformat(),
                    "databases": databases, "files": files}
        (Path(tmp) / "manifest.json").write_text(json.dumps(manifest, indent=1), "utf-8")
        part = target.with_name(target.name + ".part")
        part.unlink(missing_ok=True)
        part.touch(mode=0o600)  # it holds the signing and personal-data keys
        with tarfile.open(part, "w:gz") as tar:
            tar.add(Path(tmp) / "manifest.json", arcname="manifest.json")
            tar.add(stage, arcname="data")
        part.replace(target)
    return manifest


def restore(archive: Path, data_dir: Path, force: bool = False) -> dict[str, Any]:
    """Unpack into `data_dir` (new, or with `force` replacing what is there) after checking
    every member against the manifest."""
    data_dir = data_dir.resolve()
    if data_dir.exists() and any(data_dir.glob("*.db")) and not force:
        raise BackupError(f"{data_dir} 已有数据库；确认覆盖请加 --force")
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir.parent, prefix=".zhifa-restore-") as tmp:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(tmp, filter="data")
        manifest = json.loads((Path(tmp) / "manifest.json").read_text("utf-8"))
        if manifest.get("format") != FORMAT:
            raise BackupError(f"不认识的备份格式: {manifest.get('format')}")
        stage = Path(tmp) / "data"
        present = {str(p.relative_to(stage)) for p in stage.rglob("*") if p.is_file()}
        if present != set(manifest["files"]):
            raise BackupError("备份内容与清单不一致")
        for rel, digest in manifest["files"].items():
            if _sha256(stage / rel) != digest:
                raise BackupError(f"{rel} 的 SHA-256 与清单不符")
        data_dir.mkdir(parents=True, exist_ok=True)
        for path in sorted(stage.rglob("*")):
            if path.is_file():
                dest = data_dir / path.relative_to(stage)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dest)
        for suffix in ("-wal", "-shm", "-journal"):  # stale sidecars would corrupt the copy
            for db in manifest["databases"].values():
                (data_dir / (db + suffix)).unlink(missing_ok=True)
    return manifest


def register(sub: Any, data: Any) -> None:
    b = data(sub.add_parser("backup", help="备份一体化模式数据目录（服务运行中亦可）"))
    b.add_argument("--to", required=True, help="备份文件 (.tar.gz)")
    b.set_defaults(func=_backup_cmd)
    r = data(sub.add_parser("restore", help="从备份文件恢复到数据目录"))
    r.add_argument("--from", dest="source", required=True, help="备份文件")
    r.add_argument("--force", action="store_true", help="覆盖已有数据")
    r.set_defaults(func=_restore_cmd)


def _backup_cmd(args: Any) -> None:
    try:
        m = backup(Path(args.data_dir), Path(args.to))
    except BackupError as exc:
        raise SystemExit(f"备份失败: {exc}") from exc
    print(f"已备份 {len(m['files'])} 个文件（{len(m['databases'])} 个数据库）到 {args.to}")


def _restore_cmd(args: Any) -> None:
    try:
        m = restore(Path(args.source), Path(args.data_dir), args.force)
    except BackupError as exc:
        raise SystemExit(f"恢复失败: {exc}") from exc
    print(f"已恢复 {len(m['files'])} 个文件（备份时间 {m['created_at']}）到 {args.data_dir}")
