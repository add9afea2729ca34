"""The demo year's fixed numbers (seed 002_97708ade7f8a5b02.txt), its
officer roster and the identity helpers (GB 11643 身份证号, GB 32100 统一社会信用代码)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from gateway.demo import LICENCE_MATTERS
from gateway.demo_inspections import demo_uscc

__all__ = ["demo_uscc"]

RURAL_APPS, FOREST_APPS = 32, 9          # 41 applications accepted and decided
INSPECTIONS_ENTERPRISE = 116             # 58 enterprises × 2
INSPECTIONS_OTHER = 610                  # 122 sites × 5 → 726 counted in all
SEIZED = [37, 37, 37, 37, 37]            # 185 items on five 扣押 清单
WARNINGS = 9
FINES_YUAN = [50] * 151 + [100] * 41     # 192 fines, 11,650 元
OLD, NEW, LEAVERS = 17, 3, 9             # 17 at the start + 3 − 9 = 11 at year end
_ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高罗郑"
GIVEN = ["建华", "志刚", "晓燕", "国强", "丽娟", "海波", "春梅", "永红", "德明", "小军",
         "玉兰", "明亮", "秀英", "文涛", "光荣", "雪梅", "立军", "红霞", "俊杰", "桂芳"]
LEAVE_KINDS = ("transfer", "retirement", "resignation")


def id_number(born: str, n: int) -> str:
    body = f"500112{born}{n % 1000:03d}"
    return body + "10X98765432"[sum(int(a) * w for a, w in zip(body, _ID_W, strict=True)) % 11]


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str
    joined_on: date
    exam_on: date
    certified_on: date
    certificate: str
    leaves_on: date | None
    leave_kind: str


class Roster:
    """20 officers of 洛碛镇综合行政执法大队 in the year: 17 joined before it (8 stay all
    year, 9 leave during it) and 3 join during it."""

    def __init__(self, year: int) -> None:
        self.people: list[Person] = []
        for n in range(OLD + NEW):
            new = n >= OLD
            joined = date(year, 3 + 2 * (n - OLD), 4) if new else date(year - 6 + n % 5, 3, 1)
            leaves = date(year, 2 + (n - 8), 15) if 8 <= n < 8 + LEAVERS else None
            self.people.append(Person(
                name=SURNAMES[n] + GIVEN[n], id_number=id_number(f"19{78 + n % 15}0{n % 9 + 1}12",
                                                                   900 + n),
                joined_on=joined, exam_on=joined + timedelta(days=20),
                certified_on=joined + timedelta(days=30),
                certificate=f"500112{year % 100:02d}{9000 + n:06d}", leaves_on=leaves,
                leave_kind=LEAVE_KINDS[n % 3]))

    def stayers(self) -> list[int]:
        """The officers on post the whole year (the ones the year's work is done by)."""
        return list(range(8))


def licence_matters(issuer: str) -> list[dict[str, Any]]:
    """The two seed licence matters as 洛碛镇 holds them."""
    out = []
    for body in LICENCE_MATTERS:
        m = dict(body)
        m["issuing_authority"] = issuer if m["delegation_kind"] != "entrusted" else \
            "重庆市渝北区林业局（委托洛碛镇人民政府）"
        m["certificate"] = {**m["certificate"],
                            "number_pattern": m["certificate"]["number_pattern"].replace(
                                "{prefix}", "{prefix}洛碛")}
        out.append(m)
    return out
