"""Chinese working-day calendar for statutory deadlines (法定节假日与调休).

Precedence for a date: the sysadmin's override table, then ``chinese_calendar`` (2004-2026), then
Monday-Friday, which marks the result *provisional* in a year without data. Override files: JSON
``{"years": [2027], "days": {"2027-01-01": false}}`` (``years`` required, ``[]`` = partial patch)
or CSV ``date,is_workday`` (each year that appears counts as complete).
"""

import csv
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple, Self
from zoneinfo import ZoneInfo

import chinese_calendar  # type: ignore[import-untyped]

LEGAL_TZ = ZoneInfo("Asia/Shanghai")

_PACKAGE_YEARS = frozenset(day.year for day in chinese_calendar.holidays)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CSV_FLAGS = {"true": True, "1": True, "false": False, "0": False}


def today_legal(now: datetime | None = None) -> date:
    """The legal date (法定期限的日期, Asia/Shanghai) of ``now``, default the system clock; the one
    place every service takes "today" from (a naive ``now`` is read as UTC)."""
    moment = now or datetime.now(UTC)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(LEGAL_TZ).date()


class DayUnit(StrEnum):
    calendar = "calendar"
    working = "working"


class DayStatus(NamedTuple):
    working: bool
    provisional: bool


@dataclass(frozen=True)
class Deadline:
    """A due date; ``basis`` names the article it comes from, e.g. "行政处罚法第六十条"."""

    due_on: date
    provisional: bool
    basis: str | None = None


class CalendarFileError(ValueError):
    """An override file is unreadable or malformed; the message is Chinese, for the sysadmin."""


@dataclass(frozen=True)
class CalendarData:
    """What one override file holds: day flags (True = working) and the years it fully covers."""

    overrides: Mapping[date, bool]
    complete_years: frozenset[int] = frozenset()


def _parse_date(text: object, where: str = "") -> date:
    if isinstance(text, str) and _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise CalendarFileError(f"{where}日期“{text}”无效，应为存在的 YYYY-MM-DD 日期")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        raise CalendarFileError("JSON 对象中有重复的键")
    return obj


def _parse_json(text: str) -> CalendarData:
    try:
        raw = json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise CalendarFileError(f"JSON 格式错误（{exc}）") from exc
    if not isinstance(raw, dict) or set(raw) != {"years", "days"}:
        raise CalendarFileError("必须是只含 years 和 days 两个键的 JSON 对象")
    years, days = raw["years"], raw["days"]
    if not isinstance(years, list) or not all(type(year) is int for year in years):
        raise CalendarFileError("years 必须是整数年份列表")
    if not isinstance(days, dict) or not all(type(flag) is bool for flag in days.values()):
        raise CalendarFileError("days 必须是“日期: true/false”形式的对象")
    return CalendarData({_parse_date(key): flag for key, flag in days.items()}, frozenset(years))


def _parse_csv(text: str) -> CalendarData:
    reader = csv.reader(text.splitlines())
    if [cell.strip() for cell in next(reader, [])] != ["date", "is_workday"]:
        raise CalendarFileError("首行必须是 date,is_workday")
    overrides: dict[date, bool] = {}
    for line, row in enumerate(reader, start=2):
        if not row:
            continue
        day = _parse_date(row[0].strip(), f"第{line}行：")
        flag = _CSV_FLAGS.get(row[1].strip().lower()) if len(row) == 2 else None
        if flag is None or day in overrides:
            raise CalendarFileError(f"第{line}行：应为不重复的日期和 true/false/1/0 两列")
        overrides[day] = flag
    return CalendarData(overrides, frozenset(day.year for day in overrides))


def load_overrides(path: str | Path) -> CalendarData:
    """Read and strictly validate one ``.json`` or ``.csv`` override file."""
    file = Path(path)
    parse = {".json": _parse_json, ".csv": _parse_csv}.get(file.suffix.lower())
    try:
        if parse is None:
            raise CalendarFileError("只支持 .json 或 .csv 格式")
        data = parse(file.read_text(encoding="utf-8-sig"))
        if empty := data.complete_years - {day.year for day in data.overrides}:
            raise CalendarFileError(f"声明为完整年度的 {sorted(empty)} 没有任何日期")
    except (OSError, UnicodeDecodeError, CalendarFileError) as exc:
        raise CalendarFileError(f"节假日文件 {file}：{exc}") from exc
    return data


class WorkingCalendar:
    """Statutory day counting; safe to share, per-date lookups are cached.

    ``roll_calendar_to_workday`` is the 民事诉讼法第八十五条 counting rule for calendar-day
    periods (a period whose last day is a 法定休假日 ends on the first working day after it);
    working-day periods never roll. Services expose it as ``ZHIFA_CALENDAR_ROLL_HOLIDAYS``."""

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        roll_calendar_to_workday: bool = True,
        complete_years: Iterable[int] = (),
    ) -> None:
        self._overrides = dict(overrides or {})
        self._complete_years = frozenset(complete_years)
        self.roll_calendar_to_workday = roll_calendar_to_workday
        self._cache: dict[date, DayStatus] = {}

    @classmethod
    def from_files(cls, paths: Iterable[str | Path], roll_calendar_to_workday: bool = True) -> Self:
        """Load override files in order; a later file wins for a date listed twice."""
        loaded = [load_overrides(path) for path in paths]
        overrides = {day: flag for data in loaded for day, flag in data.overrides.items()}
        years = {year for data in loaded for year in data.complete_years}
        return cls(overrides, roll_calendar_to_workday, years)

    def known_years(self) -> frozenset[int]:
        return _PACKAGE_YEARS | self._complete_years

    def missing_year_warning(self, today: date) -> str | None:
        """A Chinese warning when this year's holiday data is missing, or from 1 November (the
        State Council publishes next year's 节假日安排 in November) when next year's is."""
        known = self.known_years()
        year = today.year if today.year not in known else today.year + 1
        if year in known or (year > today.year and today.month < 11):
            return None
        return f"未导入{year}年节假日调休数据，该年工作日期限将按周一至周五计算并标为暂定，请导入。"

    def is_workday(self, day: date) -> DayStatus:
        """(working, provisional) for one date; cached, as list endpoints call it a lot."""
        if day not in self._cache:
            flag = self._overrides.get(day)
            if flag is None and day.year in _PACKAGE_YEARS:
                flag = bool(chinese_calendar.is_workday(day))
            guessed = flag is None and day.year not in self._complete_years
            self._cache[day] = DayStatus(day.weekday() < 5 if flag is None else flag, guessed)
        return self._cache[day]

    def add_days(
        self, start: date, n: int, unit: DayUnit | str, basis: str | None = None
    ) -> Deadline:
        """Due date ``n`` days after ``start``; the start day itself is not counted."""
        if n < 0:
            raise ValueError(f"period must not be negative, got {n}")
        if DayUnit(unit) is DayUnit.calendar:
            return self._roll(start + timedelta(days=n), basis)
        day, provisional, left = start, False, n
        while left:
            day += timedelta(days=1)
            status = self.is_workday(day)
            provisional = provisional or status.provisional
            left -= status.working
        return Deadline(day, provisional, basis)

    def add_months(self, start: date, months: int, basis: str | None = None) -> Deadline:
        """Same day-of-month ``months`` later, clamped to the month end, then rolled."""
        if months < 0:
            raise ValueError(f"period must not be negative, got {months}")
        index = start.month - 1 + months
        year, month = start.year + index // 12, index % 12 + 1
        month_end = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
        return self._roll(date(year, month, min(start.day, month_end)), basis)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; 0 when end is not after start."""
        days = range(1, (end - start).days + 1)
        return sum(self.is_workday(start + timedelta(days=i)).working for i in days)

    def _roll(self, day: date, basis: str | None) -> Deadline:
        provisional = False
        while self.roll_calendar_to_workday:
            status = self.is_workday(day)
            provisional = provisional or status.provisional
            if status.working:
                break
            day += timedelta(days=1)
        return Deadline(day, provisional, basis)
