"""The one place in tests/ that computes check characters, written from the standards and
independent of the production code (services.personnel.identifiers), so a test built on it
would catch a wrong algorithm there.

- 统一社会信用代码 (GB 32100-2015): 17 characters over the 31-symbol alphabet, check
  `(31 − Σ Ci·3^(i−1) mod 31) mod 31`.
- 居民身份证号码 (GB 11643-1999, ISO 7064 MOD 11-2): 17 digits, check
  `"10X98765432"[Σ ai·Wi mod 11]`."""

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def uscc_check(body17: str) -> str:
    s = sum(USCC_ALPHABET.index(ch) * pow(3, i, 31) for i, ch in enumerate(body17))
    return USCC_ALPHABET[(31 - s % 31) % 31]


def id_check(body17: str) -> str:
    return "10X98765432"[sum(int(a) * w for a, w in zip(body17, ID_WEIGHTS, strict=True)) % 11]


def with_uscc_check(body17: str) -> str:
    """The 18-character code with its check character."""
    return body17 + uscc_check(body17)


def with_id_check(body17: str) -> str:
    """The 18-character ID number with its check character."""
    return body17 + id_check(body17)
