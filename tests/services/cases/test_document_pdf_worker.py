"""The bounded LibreOffice worker with stand-in binaries (no LibreOffice needed): a hanging
converter is killed with its whole process group after the timeout and retried once; a missing
binary is reported as unavailable; the call gets its own profile directory and --norestore."""

from __future__ import annotations

import asyncio
import os
import stat
from pathlib import Path

import pytest

from services.cases.documents.pdf import ConversionFailed, ConverterUnavailable, PdfWorker


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())


def script(path: Path, body: str) -> str:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


async def test_a_hanging_conversion_is_killed_and_retried_once(tmp_path: Path) -> None:
    calls, child = tmp_path / "calls", tmp_path / "child.pid"
    # the stand-in forks a grandchild (as soffice does) and hangs
    binary = script(tmp_path / "soffice", f'echo "$@" >> {calls}\n'
                    f'sleep 60 & echo $! > {child}\nwait\n')
    with pytest.raises(ConversionFailed):
        await PdfWorker(binary, timeout_s=0.5, concurrency=1).convert(b"docx")
    lines = calls.read_text().splitlines()
    assert len(lines) == 2  # one retry
    assert all("--norestore" in line and "-env:UserInstallation=file://" in line
               for line in lines)
    assert lines[0].split("UserInstallation=")[1].split()[0] != \
        lines[1].split("UserInstallation=")[1].split()[0]  # a profile per call
    pid = int(child.read_text())
    for _ in range(100):  # the grandchild went with the group (killed, at most a zombie)
        if not alive(pid):
            break
        await asyncio.sleep(0.02)
    assert not alive(pid)


async def test_output_is_returned_and_a_missing_binary_is_unavailable(tmp_path: Path) -> None:
    binary = script(tmp_path / "soffice",
                    'for a; do last="$a"; done\n'
                    'out="$(dirname "$last")/document.pdf"\nprintf "%%PDF-fake" > "$out"\n')
    assert await PdfWorker(binary, 5, 1).convert(b"docx") == b"%PDF-fake"
    missing = PdfWorker(str(tmp_path / "nope"), 5, 1)
    assert not missing.available
    with pytest.raises(ConverterUnavailable):
        await missing.convert(b"docx")
