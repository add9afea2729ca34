"""Issue 16 point 16: one legal "today" (Asia/Shanghai), the missing-year warning from 1 November
on /readyz and /status, the State Council notice accepted by `zhifa calendar load`, and the
民事诉讼法第八十五条 roll switch exposed as a setting. No test reads the system date."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from harness import Platform

from common.calendar import CalendarFileError, WorkingCalendar, load_overrides, today_legal
from common.holiday_notice import parse_notice
from common.settings import ServiceSettings
from gateway.cli import main as zhifa_cli

# 国务院办公厅关于2026年部分节假日安排的通知: the festival lines as published
NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，
共9天。
2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
"""


class TestTodayLegal:
    def test_late_utc_evening_is_already_tomorrow_in_shanghai(self) -> None:
        assert today_legal(datetime(2026, 12, 31, 16, 0, tzinfo=UTC)) == date(2027, 1, 1)
        assert today_legal(datetime(2026, 12, 31, 15, 59, tzinfo=UTC)) == date(2026, 12, 31)

    def test_naive_datetime_is_read_as_utc(self) -> None:
        assert today_legal(datetime(2026, 6, 30, 17, 0)) == date(2026, 7, 1)


class TestMissingYearWarning:
    def test_from_first_of_november(self) -> None:
        cal = WorkingCalendar()
        assert cal.missing_year_warning(date(2026, 10, 31)) is None
        assert "2027" in (cal.missing_year_warning(date(2026, 11, 1)) or "")

    def test_the_current_year_missing_warns_all_year(self) -> None:
        assert "2027" in (WorkingCalendar().missing_year_warning(date(2027, 3, 1)) or "")


class TestHolidayNotice:
    def test_notice_gives_the_same_days_as_the_package(self) -> None:
        data = parse_notice(NOTICE_2026)
        assert data.complete_years == {2026}
        cal = WorkingCalendar(data.overrides, complete_years=data.complete_years)
        start = date(2026, 1, 1)
        for day in (start + timedelta(days=i) for i in range(365)):
            # compare against a calendar that only knows the notice (no package data for 2026 used)
            flag = data.overrides.get(day, day.weekday() < 5)
            assert flag == chinese_calendar.is_workday(day), day
            assert cal.is_workday(day).provisional is False

    def test_year_must_be_known(self) -> None:
        with pytest.raises(CalendarFileError, match="年份"):
            parse_notice("元旦：1月1日放假。")
        assert parse_notice("元旦：1月1日放假。", year=2027).overrides == {date(2027, 1, 1): False}

    def test_impossible_date_is_refused(self) -> None:
        with pytest.raises(CalendarFileError, match="不存在"):
            parse_notice("2027年部分节假日安排\n春节：2月30日放假。")

    def test_cli_stores_the_notice_as_an_override_file(self, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
        notice = tmp_path / "2027.txt"
        notice.write_text("国务院办公厅关于2027年部分节假日安排的通知\n"
                          "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n"
                          "二、春节：2月6日至14日放假调休，共9天。2月20日（周六）上班。",
                          encoding="utf-8")
        zhifa_cli(["calendar", "load", str(notice), "--data-dir", str(tmp_path)])
        stored = tmp_path / "calendar" / "notice-2027.json"
        assert json.loads(stored.read_text(encoding="utf-8"))["years"] == [2027]
        cal = WorkingCalendar.from_files([stored])
        assert cal.is_workday(date(2027, 2, 20)).working is True
        assert cal.is_workday(date(2027, 2, 8)).working is False  # a Monday off
        assert cal.missing_year_warning(date(2026, 11, 1)) is None
        assert load_overrides(stored).complete_years == {2027}
        assert "2027" in capsys.readouterr().out


class TestRollSwitch:
    def test_setting_reaches_the_calendar(self, tmp_path: Path) -> None:
        on = ServiceSettings(service_name="x", data_dir=str(tmp_path))
        off = ServiceSettings(service_name="x", data_dir=str(tmp_path),
                              ZHIFA_CALENDAR_ROLL_HOLIDAYS=False)
        assert on.calendar_roll_holidays is True and off.calendar_roll_holidays is False
        # 15 calendar days from 2026-09-16 end on 2026-10-01 (国庆): 民诉法第八十五条 moves it
        for settings, due in ((on, date(2026, 10, 8)), (off, date(2026, 10, 1))):
            cal = WorkingCalendar.from_files(settings.calendar_files,
                                             settings.calendar_roll_holidays)
            assert cal.add_days(date(2026, 9, 16), 15, "calendar").due_on == due


class TestOperatorWarnings:
    async def test_readyz_and_status_warn_from_november(self, zhifa: Platform) -> None:
        app = zhifa.apps["cases"]
        svc = zhifa.service("cases")
        headers = zhifa.headers("supervisor", region_code="500112")
        app.state.legal_today = lambda: date(2026, 10, 31)
        assert (await svc.get("/readyz")).json() == {"status": "ready", "warnings": []}
        resp = await zhifa.client.get("/api/v1/cases/status", headers=headers)
        assert resp.json()["warnings"] == []
        app.state.legal_today = lambda: date(2026, 11, 1)
        warnings = (await svc.get("/readyz")).json()["warnings"]
        assert len(warnings) == 1 and "2027年节假日" in warnings[0]
        resp = await zhifa.client.get("/api/v1/cases/status", headers=headers)
        assert resp.json()["warnings"] == warnings
        await svc.aclose()


class TestOneLegalToday:
    """Point 16: the legal date comes from `common.calendar.today_legal` everywhere — no service
    reads the server's local date, nor takes the UTC date of a stored timestamp (`…_at.date()`
    is yesterday's date in Shanghai between 00:00 and 08:00)."""

    PATTERNS = (re.compile(r"\bdate\.today\(\)"), re.compile(r"\bdatetime\.(now|today)\(\)"),
                re.compile(r"_at\.date\(\)"))

    def test_no_service_computes_its_own_today(self) -> None:
        root = Path(__file__).resolve().parents[2]
        found = [f"{path.relative_to(root)}:{n}: {line.strip()}"
                 for top in ("services", "kit", "gateway")
                 for path in sorted((root / top).rglob("*.py"))
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if any(p.search(line) for p in self.PATTERNS)]
        assert found == []
