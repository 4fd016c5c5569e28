"""Periods: month and quarter ends, fiscal years, month arithmetic and ISO parsing."""

from __future__ import annotations

from datetime import date

import pytest

from pactum.dates import (
    add_months,
    days_in_month,
    fiscal_year_of,
    fiscal_year_start,
    is_quarter_end,
    month_end,
    parse_iso_date,
    previous_quarter_ends,
    quarter_end_on_or_before,
    quarter_ends_between,
    weekday_name,
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2004, 1, 31), 1, date(2004, 2, 29)),  # 2004 is a leap year: clamped to the 29th
        (date(2003, 1, 31), 1, date(2003, 2, 28)),  # 2003 is not: the 28th
        (date(2004, 3, 31), -1, date(2004, 2, 29)),
        (date(2003, 11, 30), 3, date(2004, 2, 29)),
        (date(2003, 12, 15), 1, date(2004, 1, 15)),  # across a year end
        (date(2004, 1, 15), -1, date(2003, 12, 15)),  # back across a year end
        (date(2003, 3, 31), 12, date(2004, 3, 31)),
        (date(2004, 2, 29), 12, date(2005, 2, 28)),
        (date(2003, 3, 31), -15, date(2001, 12, 31)),  # 15 months = 1 year and 3 months
        (date(2003, 5, 31), 0, date(2003, 5, 31)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_month_end() -> None:
    assert month_end(date(2004, 2, 3)) == date(2004, 2, 29)
    assert month_end(date(2003, 2, 3)) == date(2003, 2, 28)
    assert month_end(date(2003, 12, 31)) == date(2003, 12, 31)
    assert month_end(date(2003, 4, 1)) == date(2003, 4, 30)


def test_days_in_month() -> None:
    assert [days_in_month(2003, m) for m in range(1, 13)] == [
        31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
    ]  # fmt: skip
    assert days_in_month(2004, 2) == 29  # divisible by 4
    assert days_in_month(1900, 2) == 28  # by 100 and not by 400: common
    assert days_in_month(2000, 2) == 29  # by 400: leap
    assert days_in_month(2100, 2) == 28


def test_is_quarter_end() -> None:
    assert is_quarter_end(date(2003, 3, 31))
    assert not is_quarter_end(date(2003, 3, 30))  # not a month end
    assert not is_quarter_end(date(2003, 4, 30))  # a month end, not a quarter end
    # a January fiscal year end: quarters end in January, April, July and October
    assert is_quarter_end(date(2003, 4, 30), fiscal_year_end_month=1)
    assert not is_quarter_end(date(2003, 3, 31), fiscal_year_end_month=1)


@pytest.mark.parametrize(
    ("day", "fye", "expected"),
    [
        (date(2003, 8, 15), 12, date(2003, 6, 30)),
        (date(2003, 9, 30), 12, date(2003, 9, 30)),  # a quarter end is its own
        (date(2003, 9, 29), 12, date(2003, 6, 30)),
        (date(2004, 1, 5), 12, date(2003, 12, 31)),  # back across a year end
        (date(2004, 2, 29), 12, date(2003, 12, 31)),
        # June fiscal year: quarters still end Sep, Dec, Mar, Jun
        (date(2003, 8, 15), 6, date(2003, 6, 30)),
        # January fiscal year: Jan 31 > Jan 30, so the one before, Oct 31, 2003
        (date(2004, 1, 30), 1, date(2003, 10, 31)),
        (date(2004, 1, 31), 1, date(2004, 1, 31)),
    ],
)
def test_quarter_end_on_or_before(day: date, fye: int, expected: date) -> None:
    assert quarter_end_on_or_before(day, fye) == expected


def test_quarter_ends_between() -> None:
    # from the letter (2003-02-18) to the example's as-of date (2003-12-31)
    assert quarter_ends_between(date(2003, 2, 18), date(2003, 12, 31)) == [
        date(2003, 3, 31),
        date(2003, 6, 30),
        date(2003, 9, 30),
        date(2003, 12, 31),
    ]
    # both ends inclusive
    assert quarter_ends_between(date(2003, 3, 31), date(2003, 6, 30)) == [
        date(2003, 3, 31),
        date(2003, 6, 30),
    ]
    # none between
    assert quarter_ends_between(date(2003, 4, 1), date(2003, 6, 29)) == []
    assert quarter_ends_between(date(2004, 1, 1), date(2003, 1, 1)) == []


def test_quarter_ends_between_february_fiscal_year() -> None:
    # February fiscal year end: quarters end Feb, May, Aug, Nov; Feb 2004 has 29 days
    assert quarter_ends_between(date(2003, 9, 1), date(2004, 6, 1), 2) == [
        date(2003, 11, 30),
        date(2004, 2, 29),
        date(2004, 5, 31),
    ]


def test_previous_quarter_ends() -> None:
    # four quarters ending 2004-03-31: 3, 6 and 9 months back, oldest first
    assert previous_quarter_ends(date(2004, 3, 31), 4) == [
        date(2003, 6, 30),
        date(2003, 9, 30),
        date(2003, 12, 31),
        date(2004, 3, 31),
    ]
    # from a 30-day month end: 6/30 - 3 months = 3/30 -> month end 3/31; - 6 = 12/30 -> 12/31
    assert previous_quarter_ends(date(2003, 6, 30), 4) == [
        date(2002, 9, 30),
        date(2002, 12, 31),
        date(2003, 3, 31),
        date(2003, 6, 30),
    ]
    assert previous_quarter_ends(date(2003, 6, 30), 1) == [date(2003, 6, 30)]


def test_fiscal_year_of_june_year_end() -> None:
    # a June fiscal year is named by the calendar year it ends in: FY2004 = 7/1/03 - 6/30/04
    assert fiscal_year_of(date(2003, 6, 30), 6) == 2003
    assert fiscal_year_of(date(2003, 7, 1), 6) == 2004
    assert fiscal_year_of(date(2003, 12, 31), 6) == 2004
    assert fiscal_year_of(date(2004, 1, 1), 6) == 2004
    assert fiscal_year_of(date(2004, 6, 30), 6) == 2004


def test_fiscal_year_of_calendar_year() -> None:
    assert fiscal_year_of(date(2003, 1, 1)) == 2003
    assert fiscal_year_of(date(2003, 12, 31)) == 2003


def test_fiscal_year_start() -> None:
    # FY2004 ending June 2004 starts 11 months before June 1, 2004: July 1, 2003
    assert fiscal_year_start(2004, 6) == date(2003, 7, 1)
    assert fiscal_year_start(2003, 12) == date(2003, 1, 1)
    assert fiscal_year_start(2004, 1) == date(2003, 2, 1)


def test_parse_iso_date() -> None:
    assert parse_iso_date(" 2003-02-18 ") == date(2003, 2, 18)
    for bad in ("2003-2-18", "02/18/2003", "2003-02-30", "2003-02-18T00:00", ""):
        with pytest.raises(ValueError):
            parse_iso_date(bad)


def test_weekday_name() -> None:
    assert weekday_name(date(2004, 1, 31)) == "Saturday"
    assert weekday_name(date(2003, 2, 18)) == "Tuesday"
