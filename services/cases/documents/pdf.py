"""PDF conversion with LibreOffice headless as a bounded worker: at most `concurrency`
conversions at once (an asyncio semaphore per app), one profile directory per call
(`-env:UserInstallation`; a shared profile lost 2 of 4 parallel conversions), `--norestore`,
a timeout after which the whole process group is killed, and one retry. Fonts are mapped by
the `fonts.conf` alias file next to this module (FONTCONFIG_FILE)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import tempfile
from pathlib import Path

FONTS_CONF = Path(__file__).parent / "fonts.conf"


class ConverterUnavailable(Exception):
    pass


class ConversionFailed(Exception):
    pass


class PdfWorker:
    def __init__(self, binary: str | None, timeout_s: float, concurrency: int) -> None:
        self.binary = binary or shutil.which("soffice") or shutil.which("libreoffice")
        self.timeout_s = timeout_s
        self.gate = asyncio.Semaphore(max(1, concurrency))

    @property
    def available(self) -> bool:
        return bool(self.binary) and os.access(str(self.binary), os.X_OK)

    async def convert(self, docx: bytes) -> bytes:
        if not self.available:
            raise ConverterUnavailable()
        async with self.gate:
            last: Exception | None = None
            for _ in range(2):  # one retry
                try:
                    return await self._once(docx)
                except ConversionFailed as exc:
                    last = exc
            raise ConversionFailed(str(last))

    async def _once(self, docx: bytes) -> bytes:
        with tempfile.TemporaryDirectory(prefix="zhifa-pdf-") as tmp:
            src = Path(tmp) / "document.docx"
            src.write_bytes(docx)
            env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), "HOME": tmp}
            proc = await asyncio.create_subprocess_exec(
                str(self.binary), "--headless", "--norestore", "--nologo", "--nodefault",
                "--nolockcheck", f"-env:UserInstallation=file://{tmp}/profile",
                "--convert-to", "pdf", "--outdir", tmp, str(src),
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env,
                start_new_session=True)
            try:
                _, err = await asyncio.wait_for(proc.communicate(), self.timeout_s)
            except TimeoutError:
                await _kill(proc)
                raise ConversionFailed(f"LibreOffice 超时（{self.timeout_s} 秒）") from None
            except asyncio.CancelledError:
                await _kill(proc)
                raise
            out = Path(tmp) / "document.pdf"
            if proc.returncode != 0 or not out.exists():
                raise ConversionFailed(err.decode(errors="replace")[-500:])
            return out.read_bytes()


async def _kill(proc: asyncio.subprocess.Process) -> None:
    """Kill the whole process group (soffice forks oosplash/soffice.bin)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    await proc.wait()
