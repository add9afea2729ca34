import json
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from common.calendar import (
    CalendarData,
    CalendarFileError,
    DayStatus,
    DayUnit,
    Deadline,
    WorkingCalendar,
    load_overrides,
)

# Hypothetical 2027 data for tests only (not the real State Council schedule):
# Friday 2027-01-01 is a holiday and Saturday 2027-01-09 an adjusted working day.
DAYS_2027 = {"2027-01-01": False, "2027-01-09": True}


def write_json(tmp_path: Path, payload: object, name: str = "holidays.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def write_text(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def cal() -> WorkingCalendar:
    return WorkingCalendar()


@pytest.fixture
def cal_2027(tmp_path: Path) -> WorkingCalendar:
    return WorkingCalendar.from_files([write_json(tmp_path, {"years": [2027], "days": DAYS_2027})])


class TestIsWorkday:
    def test_national_day_2026_matches_chinese_calendar(self, cal: WorkingCalendar) -> None:
        start = date(2026, 9, 15)
        for day in (start + timedelta(days=i) for i in range(40)):
            assert cal.is_workday(day) == DayStatus(chinese_calendar.is_workday(day), False)

    def test_national_day_2026_week_is_off(self, cal: WorkingCalendar) -> None:
        for day in range(1, 8):
            assert cal.is_workday(date(2026, 10, day)).working is False

    def test_adjusted_weekend_workdays_count_as_working(self, cal: WorkingCalendar) -> None:
        for day in (date(2026, 2, 14), date(2026, 9, 20), date(2026, 10, 10)):
            assert day.weekday() >= 5
            assert chinese_calendar.is_workday(day)
            assert cal.is_workday(day) == DayStatus(working=True, provisional=False)

    def test_year_without_data_falls_back_to_weekdays_provisionally(
        self, cal: WorkingCalendar
    ) -> None:
        with pytest.raises(NotImplementedError):
            chinese_calendar.is_workday(date(2027, 1, 1))
        assert cal.is_workday(date(2027, 1, 1)) == DayStatus(True, True)
        assert cal.is_workday(date(2027, 1, 2)) == DayStatus(False, True)

    def test_override_wins_over_chinese_calendar(self) -> None:
        cal = WorkingCalendar({date(2026, 10, 8): False, date(2026, 10, 11): True})
        assert cal.is_workday(date(2026, 10, 8)) == DayStatus(False, False)
        assert cal.is_workday(date(2026, 10, 11)) == DayStatus(True, False)

    def test_unlisted_day_in_complete_override_year_is_not_provisional(
        self, cal_2027: WorkingCalendar
    ) -> None:
        assert cal_2027.is_workday(date(2027, 1, 1)) == DayStatus(False, False)
        assert cal_2027.is_workday(date(2027, 1, 9)) == DayStatus(True, False)
        assert cal_2027.is_workday(date(2027, 3, 6)) == DayStatus(False, False)
        assert cal_2027.is_workday(date(2027, 3, 8)) == DayStatus(True, False)

    def test_override_without_complete_year_keeps_other_days_provisional(self) -> None:
        cal = WorkingCalendar({date(2027, 1, 1): False})
        assert cal.is_workday(date(2027, 1, 1)) == DayStatus(False, False)
        assert cal.is_workday(date(2027, 1, 4)) == DayStatus(True, True)


class TestAddDays:
    def test_seven_working_days_across_national_day_2026(self, cal: WorkingCalendar) -> None:
        # 10-01..10-07 off; 10-08, 10-09, Sat 10-10 (调休), 10-12, 10-13, 10-14, 10-15.
        due = cal.add_days(date(2026, 9, 30), 7, DayUnit.working, basis="行政处罚法第六十一条")
        assert due == Deadline(date(2026, 10, 15), False, "行政处罚法第六十一条")

    def test_agrees_with_chinese_calendar_find_workday(self, cal: WorkingCalendar) -> None:
        assert chinese_calendar.find_workday(7, date(2025, 9, 30)) == date(2025, 10, 16)
        assert cal.add_days(date(2025, 9, 30), 7, "working").due_on == date(2025, 10, 16)

    def test_adjusted_saturday_is_counted(self, cal: WorkingCalendar) -> None:
        assert cal.add_days(date(2026, 2, 13), 1, "working").due_on == date(2026, 2, 14)
        # Sat 02-14 (调休), Spring Festival 02-15..02-23, then 02-24..02-27.
        assert cal.add_days(date(2026, 2, 13), 5, "working").due_on == date(2026, 2, 27)

    def test_start_day_is_not_counted(self, cal: WorkingCalendar) -> None:
        assert cal.add_days(date(2026, 3, 2), 1, "working").due_on == date(2026, 3, 3)
        assert cal.add_days(date(2026, 3, 2), 1, "calendar").due_on == date(2026, 3, 3)

    def test_working_deadline_into_2027_is_provisional_without_data(
        self, cal: WorkingCalendar
    ) -> None:
        # 12-31, then Fri 2027-01-01 guessed as working, then Mon 2027-01-04.
        assert cal.add_days(date(2026, 12, 30), 3, "working") == Deadline(date(2027, 1, 4), True)

    def test_working_deadline_into_2027_uses_loaded_holiday(
        self, cal_2027: WorkingCalendar
    ) -> None:
        # 12-31, 2027-01-01 is a holiday in the file, then 01-04 and 01-05.
        due = cal_2027.add_days(date(2026, 12, 30), 3, "working")
        assert due == Deadline(date(2027, 1, 5), False)

    def test_working_deadline_counts_loaded_adjusted_saturday(
        self, cal_2027: WorkingCalendar
    ) -> None:
        due = cal_2027.add_days(date(2027, 1, 8), 1, "working")
        assert due == Deadline(date(2027, 1, 9), False)

    def test_deadline_inside_2026_is_not_provisional(self, cal: WorkingCalendar) -> None:
        assert cal.add_days(date(2026, 12, 21), 7, "working") == Deadline(date(2026, 12, 30), False)

    def test_calendar_15_ending_on_national_day_rolls_to_next_workday(
        self, cal: WorkingCalendar
    ) -> None:
        due = cal.add_days(date(2026, 9, 16), 15, DayUnit.calendar)
        assert due == Deadline(date(2026, 10, 8), False)

    def test_calendar_15_ending_on_national_day_without_roll(self) -> None:
        cal = WorkingCalendar(roll_calendar_to_workday=False)
        assert cal.add_days(date(2026, 9, 16), 15, "calendar").due_on == date(2026, 10, 1)

    def test_calendar_15_ending_on_adjusted_saturday_stays(self, cal: WorkingCalendar) -> None:
        assert cal.add_days(date(2026, 9, 25), 15, "calendar").due_on == date(2026, 10, 10)

    def test_calendar_90_ending_on_weekday_is_unchanged(self, cal: WorkingCalendar) -> None:
        assert cal.add_days(date(2026, 3, 4), 90, "calendar").due_on == date(2026, 6, 2)

    def test_calendar_90_ending_on_sunday_rolls_to_monday(self, cal: WorkingCalendar) -> None:
        assert cal.add_days(date(2026, 3, 2), 90, "calendar").due_on == date(2026, 6, 1)

    def test_calendar_90_ending_on_sunday_without_roll(self) -> None:
        cal = WorkingCalendar(roll_calendar_to_workday=False)
        assert cal.add_days(date(2026, 3, 2), 90, "calendar").due_on == date(2026, 5, 31)

    def test_calendar_90_ending_on_holiday_rolls_past_it(self, cal: WorkingCalendar) -> None:
        assert cal.add_days(date(2026, 7, 3), 90, "calendar").due_on == date(2026, 10, 8)

    def test_calendar_roll_into_year_without_data_is_provisional(
        self, cal: WorkingCalendar
    ) -> None:
        assert cal.add_days(date(2026, 12, 18), 15, "calendar") == Deadline(date(2027, 1, 4), True)

    def test_calendar_without_roll_needs_no_data(self) -> None:
        cal = WorkingCalendar(roll_calendar_to_workday=False)
        assert cal.add_days(date(2026, 12, 18), 15, "calendar") == Deadline(date(2027, 1, 2), False)

    def test_zero_working_days_returns_start(self, cal: WorkingCalendar) -> None:
        assert cal.add_days(date(2026, 10, 3), 0, "working") == Deadline(date(2026, 10, 3), False)

    def test_zero_calendar_days_rolls_start(self, cal: WorkingCalendar) -> None:
        assert cal.add_days(date(2026, 10, 3), 0, "calendar").due_on == date(2026, 10, 8)

    def test_negative_period_is_rejected(self, cal: WorkingCalendar) -> None:
        with pytest.raises(ValueError):
            cal.add_days(date(2026, 3, 2), -1, "working")

    def test_unknown_unit_is_rejected(self, cal: WorkingCalendar) -> None:
        with pytest.raises(ValueError):
            cal.add_days(date(2026, 3, 2), 1, "hours")


class TestAddMonths:
    def test_jan_31_plus_one_month_clamps_to_feb_28(self, cal: WorkingCalendar) -> None:
        # 2026-02-28 is a Saturday but an adjusted working day, so it stays.
        assert cal.add_months(date(2026, 1, 31), 1) == Deadline(date(2026, 2, 28), False)

    def test_jan_31_plus_one_month_in_leap_year(self, cal: WorkingCalendar) -> None:
        assert cal.add_months(date(2024, 1, 31), 1).due_on == date(2024, 2, 29)

    def test_three_months_ending_on_national_day_rolls(self, cal: WorkingCalendar) -> None:
        due = cal.add_months(date(2026, 7, 1), 3, basis="行政强制法第二十五条")
        assert due == Deadline(date(2026, 10, 8), False, "行政强制法第二十五条")

    def test_three_months_without_roll(self) -> None:
        cal = WorkingCalendar(roll_calendar_to_workday=False)
        assert cal.add_months(date(2026, 7, 1), 3).due_on == date(2026, 10, 1)

    def test_months_across_year_end_into_year_without_data(self, cal: WorkingCalendar) -> None:
        # 2027-02-28 is a Sunday; the Mon-Fri guess rolls it to Monday 03-01.
        assert cal.add_months(date(2026, 11, 30), 3) == Deadline(date(2027, 3, 1), True)

    def test_negative_months_are_rejected(self, cal: WorkingCalendar) -> None:
        with pytest.raises(ValueError):
            cal.add_months(date(2026, 1, 31), -1)


class TestWorkingDaysBetween:
    def test_counts_across_national_day(self, cal: WorkingCalendar) -> None:
        assert cal.working_days_between(date(2026, 9, 30), date(2026, 10, 15)) == 7

    def test_end_is_included_and_start_is_not(self, cal: WorkingCalendar) -> None:
        assert cal.working_days_between(date(2026, 3, 2), date(2026, 3, 3)) == 1

    def test_end_not_after_start_is_zero(self, cal: WorkingCalendar) -> None:
        assert cal.working_days_between(date(2026, 3, 3), date(2026, 3, 3)) == 0
        assert cal.working_days_between(date(2026, 3, 3), date(2026, 3, 1)) == 0


class TestLoadOverrides:
    def test_json_file_is_loaded(self, tmp_path: Path) -> None:
        data = load_overrides(write_json(tmp_path, {"years": [2027], "days": DAYS_2027}))
        assert data == CalendarData(
            {date(2027, 1, 1): False, date(2027, 1, 9): True}, frozenset({2027})
        )

    def test_json_with_empty_years_is_a_partial_patch(self, tmp_path: Path) -> None:
        data = load_overrides(write_json(tmp_path, {"years": [], "days": DAYS_2027}))
        assert data.complete_years == frozenset()

    def test_csv_file_marks_every_year_complete(self, tmp_path: Path) -> None:
        text = "date,is_workday\n2027-01-01,false\n\n2027-01-09,TRUE\n2028-01-01,0\n"
        data = load_overrides(write_text(tmp_path, text, "holidays.csv"))
        assert data.overrides == {
            date(2027, 1, 1): False,
            date(2027, 1, 9): True,
            date(2028, 1, 1): False,
        }
        assert data.complete_years == frozenset({2027, 2028})

    @pytest.mark.parametrize(
        "payload",
        [
            {"years": [2027], "days": {"2027-13-01": False}},
            {"years": [2027], "days": {"2027-02-30": False}},
            {"years": [2027], "days": {"2027/01/01": False}},
            {"years": [2027], "days": {"20270101": False}},
            {"years": [2027], "days": {"2027-01-01": "false"}},
            {"years": [2027], "days": {"2027-01-01": 0}},
            {"years": ["2027"], "days": DAYS_2027},
            {"years": [True], "days": DAYS_2027},
            {"years": [2027, 2028], "days": DAYS_2027},
            {"days": DAYS_2027},
            {"years": [2027], "days": DAYS_2027, "extra": 1},
            {"years": [2027], "days": [["2027-01-01", False]]},
            [2027],
        ],
    )
    def test_bad_json_content_is_rejected(self, tmp_path: Path, payload: object) -> None:
        with pytest.raises(CalendarFileError):
            load_overrides(write_json(tmp_path, payload))

    def test_duplicate_json_date_is_rejected(self, tmp_path: Path) -> None:
        text = '{"years": [2027], "days": {"2027-01-01": false, "2027-01-01": true}}'
        with pytest.raises(CalendarFileError):
            load_overrides(write_text(tmp_path, text, "dup.json"))

    def test_malformed_json_is_rejected(self, tmp_path: Path) -> None:
        with pytest.raises(CalendarFileError):
            load_overrides(write_text(tmp_path, '{"years": [2027],', "broken.json"))

    @pytest.mark.parametrize(
        "text",
        [
            "day,workday\n2027-01-01,false\n",
            "",
            "date,is_workday\n2027-01-32,false\n",
            "date,is_workday\n2027-01-01,maybe\n",
            "date,is_workday\n2027-01-01\n",
            "date,is_workday\n2027-01-01,false,x\n",
            "date,is_workday\n2027-01-01,false\n2027-01-01,true\n",
        ],
    )
    def test_bad_csv_content_is_rejected(self, tmp_path: Path, text: str) -> None:
        with pytest.raises(CalendarFileError):
            load_overrides(write_text(tmp_path, text, "holidays.csv"))

    def test_error_message_is_chinese_and_names_the_file(self, tmp_path: Path) -> None:
        path = write_json(tmp_path, {"years": [2027], "days": {"2027-02-30": False}})
        with pytest.raises(CalendarFileError, match="节假日文件.*holidays.json.*2027-02-30"):
            load_overrides(path)

    def test_unsupported_extension_is_rejected(self, tmp_path: Path) -> None:
        with pytest.raises(CalendarFileError):
            load_overrides(write_text(tmp_path, "2027-01-01", "holidays.txt"))

    def test_missing_file_is_rejected(self, tmp_path: Path) -> None:
        with pytest.raises(CalendarFileError):
            load_overrides(tmp_path / "absent.json")

    def test_calendar_file_error_is_a_value_error(self) -> None:
        assert issubclass(CalendarFileError, ValueError)


class TestFromFiles:
    def test_later_file_wins_and_years_are_merged(self, tmp_path: Path) -> None:
        first = write_json(tmp_path, {"years": [2027], "days": DAYS_2027}, "a.json")
        csv_text = "date,is_workday\n2027-01-01,true\n2028-01-03,false\n"
        second = write_text(tmp_path, csv_text, "b.csv")
        cal = WorkingCalendar.from_files([first, str(second)])
        assert cal.is_workday(date(2027, 1, 1)) == DayStatus(True, False)
        assert cal.is_workday(date(2028, 1, 3)) == DayStatus(False, False)
        assert cal.known_years() == frozenset(range(2004, 2029))

    def test_roll_switch_is_passed_through(self, tmp_path: Path) -> None:
        cal = WorkingCalendar.from_files([], roll_calendar_to_workday=False)
        assert cal.add_days(date(2026, 9, 16), 15, "calendar").due_on == date(2026, 10, 1)


class TestKnownYears:
    def test_package_years_without_overrides(self, cal: WorkingCalendar) -> None:
        assert cal.known_years() == frozenset(range(2004, 2027))

    def test_complete_override_year_is_added(self, cal_2027: WorkingCalendar) -> None:
        assert cal_2027.known_years() == frozenset(range(2004, 2028))


class TestMissingYearWarning:
    def test_warns_in_november_when_next_year_is_missing(self, cal: WorkingCalendar) -> None:
        warning = cal.missing_year_warning(date(2026, 11, 1))
        assert warning is not None and "2027" in warning and "暂定" in warning

    def test_warns_in_december_when_next_year_is_missing(self, cal: WorkingCalendar) -> None:
        assert cal.missing_year_warning(date(2026, 12, 31)) is not None

    def test_silent_before_november(self, cal: WorkingCalendar) -> None:
        assert cal.missing_year_warning(date(2026, 10, 31)) is None

    def test_silent_when_next_year_is_in_the_package(self, cal: WorkingCalendar) -> None:
        assert cal.missing_year_warning(date(2025, 12, 1)) is None

    def test_silent_once_next_year_is_loaded(self, cal_2027: WorkingCalendar) -> None:
        assert cal_2027.missing_year_warning(date(2026, 12, 1)) is None
