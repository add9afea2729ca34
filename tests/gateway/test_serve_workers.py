"""`zhifa serve --workers N` / `ZHIFA_WORKERS`: several uvicorn workers in split mode only."""

from __future__ import annotations

import pytest

from common.app import run_uvicorn, workers_from_env
from gateway import cli


def test_workers_come_from_the_environment(monkeypatch):
    monkeypatch.delenv("ZHIFA_WORKERS", raising=False)
    assert workers_from_env() == 1
    monkeypatch.setenv("ZHIFA_WORKERS", "3")
    assert workers_from_env() == 3
    monkeypatch.setenv("ZHIFA_WORKERS", "0")
    assert workers_from_env() == 1
    monkeypatch.setenv("ZHIFA_WORKERS", "many")
    assert workers_from_env() == 1


def test_the_one_process_mode_refuses_several_workers(tmp_path):
    with pytest.raises(SystemExit) as exc:
        cli.serve("all", "127.0.0.1", 0, str(tmp_path), workers=2)
    assert "一体化模式只运行一个进程" in str(exc.value)
    assert not any(tmp_path.iterdir())  # refused before anything was built


def test_several_workers_need_a_factory_import_string():
    with pytest.raises(ValueError):
        run_uvicorn(object(), "127.0.0.1", 0, workers=2)


def test_the_cli_parses_workers():
    args = cli._parser().parse_args(["serve", "cases", "--workers", "4"])
    assert args.workers == 4 and args.target == "cases"
    assert cli._parser().parse_args(["serve"]).workers is None
