"""Party identifiers: 统一社会信用代码 (GB 32100-2015) and 居民身份证号码 (GB 11643-1999),
and the masking every read model applies to ID numbers (keep first 6 and last 4)."""

from datetime import date

from common.calendar import today_legal

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_W = [pow(3, i, 31) for i in range(17)]
_ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def uscc_ok(code: str) -> bool:
    c = code.upper()
    if len(c) != 18 or any(ch not in USCC_ALPHABET for ch in c):
        return False
    s = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(c[:17], _USCC_W, strict=True))
    return USCC_ALPHABET[(31 - s % 31) % 31] == c[17]


def id_number_ok(number: str, today: date | None = None) -> bool:
    s = number.upper()
    if not (len(s) == 18 and s[:17].isdigit() and s[17] in "0123456789X"):
        return False
    if "10X98765432"[sum(int(a) * w for a, w in zip(s[:17], _ID_W, strict=True)) % 11] != s[17]:
        return False
    try:
        born = date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    return born <= (today or today_legal())


def mask_id_number(number: str | None) -> str | None:
    if not number:
        return number
    return number[:6] + "*" * (len(number) - 10) + number[-4:] if len(number) > 10 else "****"


def age_on(number: str | None, on: date) -> int | None:
    """Full years of age on `on` from the 出生日期码 (digits 7–14) of a valid 身份证号, else
    None."""
    if not number or not id_number_ok(number, on):
        return None
    born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
