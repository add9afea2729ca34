"""Evidence storage: an interface plus the default local-directory implementation. The server
computes SHA-256 and size while streaming; files are stored under their hash (content-addressed,
so a tampered file no longer matches its name and its timeline entry)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Protocol

CHUNK = 1024 * 1024


class StoredFile:
    def __init__(self, key: str, sha256: str, size: int) -> None:
        self.key, self.sha256, self.size = key, sha256, size


class TooLarge(Exception):
    pass


class EvidenceStorage(Protocol):
    def put(self, stream: BinaryIO, max_bytes: int) -> StoredFile: ...

    def open(self, key: str) -> BinaryIO: ...


class LocalStorage:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def put(self, stream: BinaryIO, max_bytes: int) -> StoredFile:
        self.root.mkdir(parents=True, exist_ok=True)
        h, size = hashlib.sha256(), 0
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise TooLarge()
                    h.update(chunk)
                    out.write(chunk)
            digest = h.hexdigest()
            key = f"{digest[:2]}/{digest}"
            target = self.root / key
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
            return StoredFile(key, digest, size)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def open(self, key: str) -> BinaryIO:
        return (self.root / key).open("rb")
