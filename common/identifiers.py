"""Statutory identifiers in request schemas: 统一社会信用代码 (GB 32100-2015) and 居民身份证号码
(GB 11643-1999)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

# Statutory identifiers in request schemas (issue 10, point 19): the pattern is in the schema, the
# check character (which no pattern can express) is checked by each service's identifiers.py and
# named by the `format` (the fuzzer's hooks generate valid ones for it: tests/fuzz/hooks.py).
# 统一社会信用代码, GB 32100-2015: 18 characters of the 31-symbol alphabet (no I, O, S, V, Z).
USCC_PATTERN = r"^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$"
Uscc = Annotated[str, Field(pattern=USCC_PATTERN, min_length=18, max_length=18,
                            json_schema_extra={"format": "gb32100-uscc"},
                            description="统一社会信用代码（GB 32100-2015，18位，含校验位）")]
# 居民身份证号码, GB 11643-1999: 6-digit area, birth date YYYYMMDD (1900 on), 3-digit sequence,
# check character 0-9 or X.
ID_NUMBER_PATTERN = (r"^\d{6}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[0-9Xx]$")
IdNumber = Annotated[str, Field(pattern=ID_NUMBER_PATTERN, min_length=18, max_length=18,
                                json_schema_extra={"format": "gb11643-id-number"},
                                description="居民身份证号码（GB 11643-1999，18位，含校验位）")]
