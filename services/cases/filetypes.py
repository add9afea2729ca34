"""Evidence uploads: the declared content type checked against the file's own first bytes
(magic numbers), and stored file names made safe (issue 10, point 15).

- A file declared `image/png` must start like a PNG, `application/pdf` like a PDF, and so on;
  `text/plain` must be UTF-8 (or GB 18030) text without NUL bytes. `application/octet-stream`
  claims nothing and is not checked. A mismatch is `EvidenceRejected` (422, `rule`
  "证据内容须与声明的文件类型一致").
- The stored name is only the last path segment (no `/`, `\\`, `..`), without control, format
  (bidi) or line-break characters, at most 200 characters; an empty result is "upload"."""

from __future__ import annotations

import re
import unicodedata
from typing import BinaryIO

from services.cases.errors import EvidenceRejected

HEAD_BYTES = 4096
TYPE_RULE = "证据内容须与声明的文件类型一致"
_FTYP = {
    "image/heic": (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis"),
    "audio/mp4": (b"M4A ", b"M4B ", b"mp42", b"isom", b"mp41", b"dash"),
    "video/mp4": (b"mp41", b"mp42", b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"avc1",
                  b"dash", b"M4V ", b"mmp4", b"MSNV"),
    "video/quicktime": (b"qt  ",),
}
_QT_ATOMS = (b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for codec in ("utf-8", "gb18030"):
        try:
            head.decode(codec)
            return True
        except UnicodeDecodeError as exc:
            if codec == "utf-8" and exc.start >= len(head) - 3:  # a character cut at the end
                return True
    return False


def matches(content_type: str, head: bytes) -> bool:
    """Whether the first bytes of a file fit its declared type."""
    ftyp = head[4:8] == b"ftyp"
    checks = {
        "image/jpeg": lambda: head.startswith(b"\xff\xd8\xff"),
        "image/png": lambda: head.startswith(b"\x89PNG\r\n\x1a\n"),
        "application/pdf": lambda: head.startswith(b"%PDF-"),
        "application/zip": lambda: head[:4] in (b"PK\x03\x04", b"PK\x05\x06"),
        "audio/mpeg": lambda: head.startswith(b"ID3") or (
            len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0),
        "video/quicktime": lambda: (ftyp and head[8:12] in _FTYP["video/quicktime"])
        or head[4:8] in _QT_ATOMS,
        "text/plain": lambda: _is_text(head),
        "application/octet-stream": lambda: True,
    }
    if content_type in checks:
        return bool(head) and checks[content_type]()
    if content_type in _FTYP:
        return ftyp and head[8:12] in _FTYP[content_type]
    return False  # a type configured without a signature here is not accepted unchecked


def check_upload(stream: BinaryIO, content_type: str) -> None:
    """Read the head of `stream`, rewind it, refuse a content/type mismatch."""
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    if not matches(content_type, head):
        raise EvidenceRejected(f"文件内容与声明的类型 {content_type} 不符", rule=TYPE_RULE,
                               declared_type=content_type)


def safe_filename(name: str | None, limit: int = 200) -> str:
    """The last path segment of `name`, without control/format characters or leading dots."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
                   for c in text)
    text = re.split(r"[/\\]", text)[-1]
    text = re.sub(r"\.{2,}", ".", re.sub(r"\s+", " ", text)).strip(" .")
    return text[:limit].strip() or "upload"
