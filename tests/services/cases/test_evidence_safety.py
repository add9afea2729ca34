"""Evidence uploads (issue 10, point 15): content checked against the declared type by magic
bytes; stored file names sanitised (path separators, `..`, CR/LF, control characters)."""

from __future__ import annotations

import pytest
from factories import C, problem, world
from harness import Platform

from services.cases.filetypes import matches, safe_filename

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 8


@pytest.mark.parametrize("ctype,head,ok", [
    ("image/png", PNG, True), ("image/jpeg", PNG, False), ("image/jpeg", b"\xff\xd8\xff\xe0", True),
    ("application/pdf", b"%PDF-1.7", True), ("application/pdf", b"<html><script>", False),
    ("video/mp4", MP4, True), ("video/mp4", PNG, False), ("image/heic", MP4, False),
    ("application/zip", b"PK\x03\x04rest", True), ("application/zip", b"MZ\x90\x00", False),
    ("text/plain", "现场照片说明".encode(), True), ("text/plain", b"MZ\x00\x00", False),
    ("text/plain", "说明".encode("gb18030"), True), ("audio/mpeg", b"ID3\x04", True),
    ("application/octet-stream", b"anything", True), ("image/png", b"", False),
    ("image/svg+xml", b"<svg/>", False),
])
def test_magic_bytes_must_fit_the_declared_type(ctype: str, head: bytes, ok: bool) -> None:
    assert matches(ctype, head) is ok


@pytest.mark.parametrize("name,safe", [
    ("../../etc/passwd", "passwd"), ("..\\..\\boot.ini", "boot.ini"),
    ("photo.jpg\r\nX-Injected: 1", "photo.jpg X-Injected: 1"),
    ("a\x00b\x1b[31m.pdf", "a b [31m.pdf"), ("\u202egpj.exe", "gpj.exe"),
    ("..", "upload"), ("", "upload"), (None, "upload"), ("现场照片..jpg", "现场照片.jpg"),
    ("x" * 300, "x" * 200),
])
def test_file_names_are_sanitised(name: str | None, safe: str) -> None:
    assert safe_filename(name) == safe


async def test_upload_route_checks_content_and_stores_a_safe_name(zhifa: Platform) -> None:
    w = await world(zhifa)
    case = await w.filed()
    url, data = f"{C}/cases/{case['id']}/evidence", {"kind": "electronic",
                                                     "officer_ids": w.officers[:2]}
    fake = await zhifa.client.post(url, headers=w.officer_headers(), data=data, files={
        "file": ("photo.png", b"MZ\x90\x00\x03 this is an executable", "image/png")})
    body = problem(fake, 422, "evidence-rejected")
    assert body["rule"] == "证据内容须与声明的文件类型一致"
    ok = await zhifa.client.post(url, headers=w.officer_headers(), data=data, files={
        "file": ("../../etc/passwd.png", PNG, "image/png")})  # (CR/LF: the unit cases above)
    assert ok.status_code == 201, ok.text
    assert ok.json()["filename"] == "passwd.png"
    listed = (await zhifa.client.get(url, headers=w.officer_headers())).json()
    assert [e["filename"] for e in listed] == ["passwd.png"]  # the rejected one left nothing
