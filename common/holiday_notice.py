"""Read the State Council's yearly holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知).

The notice lists, per festival, the days off ("1月1日（周四）至3日（周六）放假调休") and the
adjusted working days ("1月4日（周日）上班"). `parse_notice` turns the text into the same
`CalendarData` an override file gives, with the year marked complete (every other day follows
Monday–Friday), so `zhifa calendar load notice.txt` accepts the official dates as published.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from common.calendar import CalendarData, CalendarFileError

_ASIDE = re.compile(r"[（(][^）)]*[）)]")
_DAY = r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
_SPAN = re.compile(_DAY + r"(?:\s*[至到-]\s*(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日)?")
_TITLE_YEAR = re.compile(r"(\d{4})年(?:部分)?节假日安排")


def _day(year: int, y: str | None, m: str, d: str) -> date:
    try:
        return date(int(y) if y else year, int(m), int(d))
    except ValueError as exc:
        raise CalendarFileError(f"通知中的日期 {y or year}年{m}月{d}日 不存在") from exc


def _span(year: int, match: re.Match[str]) -> list[date]:
    y1, m1, d1, y2, m2, d2 = match.groups()
    first = _day(year, y1, m1, d1)
    if d2 is None:
        return [first]
    last = _day(int(y2) if y2 else first.year, None, m2 or str(first.month), d2)
    if last < first or (last - first).days > 31:
        raise CalendarFileError(f"通知中的放假区间 {first}–{last} 无效")
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def parse_notice(text: str, year: int | None = None) -> CalendarData:
    """Days off (False) and adjusted working days (True) of one year's notice."""
    if year is None:
        found = _TITLE_YEAR.search(text)
        if found is None:
            raise CalendarFileError("通知中未找到“YYYY年部分节假日安排”，请用 --year 指明年份")
        year = int(found.group(1))
    days: dict[date, bool] = {}
    for sentence in re.split(r"[。；;\n]", _ASIDE.sub("", text)):
        if "放假" in sentence:
            head = sentence.split("放假", 1)[0]
            for match in _SPAN.finditer(head):
                days.update(dict.fromkeys(_span(year, match), False))
        elif "上班" in sentence:
            for match in _SPAN.finditer(sentence.split("上班", 1)[0]):
                days.update(dict.fromkeys(_span(year, match), True))
    if not any(day.year == year for day in days):
        raise CalendarFileError(f"通知中没有{year}年的放假或上班日期")
    if stray := sorted(day for day in days if abs(day.year - year) > 1):
        raise CalendarFileError(f"通知中的日期 {stray[0]} 不属于{year}年前后")
    return CalendarData(days, frozenset({year}))
