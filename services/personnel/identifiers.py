"""Statutory identifiers and their protection.

- 统一社会信用代码 (USCC), GB 32100-2015: 18 chars over a 31-symbol alphabet, check character
  `C18 = (31 − Σ Ci·Wi mod 31) mod 31` with `Wi = 3^(i−1) mod 31`. The outer
  `mod 31` matters: without it a remainder of 0 would index past the alphabet.
- 居民身份证号码, GB 11643-1999 (ISO 7064 MOD 11-2): 17 digits + check `"10X98765432"[Σ ai·Wi
  mod 11]`, with a real, non-future birth date in positions 7–14.
- ID numbers are stored encrypted (Fernet) with an HMAC-SHA256 blind index for uniqueness and
  lookup; displayed masked (first 6 and last 4, §5.3) to everyone but the few roles that need it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from datetime import date
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from common.calendar import today_legal

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> str:
    """Normalised USCC, or ValueError with a Chinese message (GB 32100-2015)."""
    code = value.strip().upper()
    if len(code) != 18:
        raise ValueError("统一社会信用代码应为18位")
    if any(ch not in USCC_ALPHABET for ch in code):
        raise ValueError("统一社会信用代码含有非法字符（不得含 I、O、S、V、Z）")
    if uscc_check_char(code[:17]) != code[17]:
        raise ValueError("统一社会信用代码校验位错误（GB 32100-2015）")
    return code


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(a) * w for a, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def validate_id_number(value: str, today: date | None = None) -> str:
    """Normalised 18-digit 身份证号, or ValueError with a Chinese message (GB 11643-1999)."""
    number = value.strip().upper()
    if len(number) != 18 or not number[:17].isdigit() or number[17] not in "0123456789X":
        raise ValueError("身份证号应为18位，前17位为数字，末位为数字或X")
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise ValueError("身份证号中的出生日期无效") from exc
    if born > (today or today_legal()) or born.year < 1900:
        raise ValueError("身份证号中的出生日期无效")
    if id_check_char(number[:17]) != number[17]:
        raise ValueError("身份证号校验位错误（GB 11643-1999）")
    return number


def mask_id_number(number: str) -> str:
    """Keep the first 6 and the last 4 characters (the masking rule of public and credit-upload
    output)."""
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


class PiiVault:
    """Encrypts personal identifiers and computes their blind index (keyed HMAC-SHA256)."""

    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)
        self._index_key = hashlib.sha256(b"zhifa-personnel-blind-index:" + key).digest()

    @classmethod
    def load(cls, configured: str | None, data_dir: str, generate: bool) -> PiiVault:
        """The key from settings, else from `<data_dir>/personnel-pii.key` (created in dev)."""
        if configured:
            return cls(configured.encode())
        path = Path(data_dir) / "personnel-pii.key"
        if not path.exists():
            if not generate:
                raise RuntimeError("未配置 PERSONNEL_PII_KEY，且非开发环境不得自动生成")
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:  # another process created it meanwhile
                fd = -1
            if fd >= 0:
                with os.fdopen(fd, "wb") as out:
                    out.write(Fernet.generate_key())
        return cls(path.read_bytes().strip())

    def encrypt(self, value: str) -> str:
        return self._fernet.encrypt(value.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            return "******************"

    def index(self, value: str) -> str:
        return hmac.new(self._index_key, value.encode(), hashlib.sha256).hexdigest()
