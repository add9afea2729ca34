"""A served process freezes its started heap (`ZHIFA_GC_FREEZE`, set by `run_uvicorn`), so a
full collection no longer walks the ~300,000 objects of a started service; tests, which start
hundreds of apps in one process, leave it unset and freeze nothing."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from minisvc import NotesBase, SinkBase, build, create_schema, running

from kit.settings import JwtSettings


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the permanent generation back to the collector for the other tests


@pytest.mark.parametrize("value, frozen", [("1", True), ("", False), ("0", False),
                                           ("false", False)])
async def test_the_started_heap_is_frozen_only_when_asked(
        value: str, frozen: bool, tmp_path: Path, keys_dir: Path, unfrozen: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHIFA_GC_FREEZE", value)
    notes_url, sink_url = (f"sqlite+aiosqlite:///{tmp_path}/{n}.db" for n in ("notes", "sink"))
    await create_schema(notes_url, NotesBase)
    await create_schema(sink_url, SinkBase)
    notes, sink = build(notes_url, sink_url, JwtSettings(keys_dir=str(keys_dir),
                                                          generate_keys=False))
    assert gc.get_freeze_count() == 0
    async with running(notes, sink):
        assert (gc.get_freeze_count() > 10_000) is frozen
