"""Business-day calendars: weekends, holidays, counting business days and rolling deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from pactum.business_days import BusinessCalendar, CalendarSpec, Roll

US = BusinessCalendar(CalendarSpec(country="US"))
GA = BusinessCalendar(CalendarSpec(country="US", subdiv="GA"))


def test_default_calendar_is_us() -> None:
    assert BusinessCalendar().spec == CalendarSpec(country="US")
    assert CalendarSpec(country="US", subdiv="GA").label() == "US-GA public holidays"
    assert CalendarSpec(market="NYSE").label() == "NYSE market holidays"


def test_weekends() -> None:
    # Jan 1, 2004 was a Thursday; Jan 31 is 30 days later, 30 = 4 x 7 + 2: Thursday + 2 = Saturday
    assert US.why_not_business_day(date(2004, 1, 31)) == "Saturday"
    assert not US.is_business_day(date(2004, 1, 31))
    # Jan 1, 2006 was a Sunday; Aug 6 is 31+28+31+30+31+30+31+5 = 217 = 31 x 7 days later
    assert US.why_not_business_day(date(2006, 8, 6)) == "Sunday"
    assert not US.is_business_day(date(2006, 8, 6))


def test_business_day_has_no_reason() -> None:
    # Friday Jan 30, 2004 (the day before the Saturday above)
    assert US.is_business_day(date(2004, 1, 30))
    assert US.why_not_business_day(date(2004, 1, 30)) is None
    assert US.holiday_name(date(2004, 1, 30)) is None


def test_federal_holiday() -> None:
    # Thanksgiving is the fourth Thursday of November; Nov 1, 2003 was a Saturday, so the
    # Thursdays were the 6th, 13th, 20th and 27th
    thanksgiving = date(2003, 11, 27)
    assert not US.is_business_day(thanksgiving)
    reason = US.why_not_business_day(thanksgiving)
    assert reason is not None and "Thanksgiving" in reason


def test_add_zero_business_days_is_the_day_itself() -> None:
    assert US.add_business_days(date(2004, 1, 31), 0) == date(2004, 1, 31)


def test_add_business_days_over_a_weekend() -> None:
    # Fri 2004-01-30 + 1: Sat 31, Sun Feb 1 skipped -> Mon 2004-02-02
    assert US.add_business_days(date(2004, 1, 30), 1) == date(2004, 2, 2)
    # + 3: Mon 2/2 (1), Tue 2/3 (2), Wed 2/4 (3)
    assert US.add_business_days(date(2004, 1, 30), 3) == date(2004, 2, 4)
    # counting from a Saturday: Sun skipped -> Mon 2004-02-02 is the first
    assert US.next_business_day(date(2004, 1, 31)) == date(2004, 2, 2)


def test_add_business_days_over_a_federal_holiday() -> None:
    # mail deposited Wed 2003-11-26 + 5 business days: Thu 11-27 Thanksgiving is skipped;
    # Fri 11-28 (1), [Sat, Sun], Mon 12-01 (2), Tue 12-02 (3), Wed 12-03 (4), Thu 12-04 (5)
    assert US.add_business_days(date(2003, 11, 26), 5) == date(2003, 12, 4)


def test_georgia_closes_the_day_after_thanksgiving() -> None:
    # Georgia's state holiday falls on Fri 2003-11-28, so from Wed 11-26 + 5:
    # Mon 12-01 (1), Tue (2), Wed (3), Thu 12-04 (4), Fri 12-05 (5)
    assert US.is_business_day(date(2003, 11, 28))
    assert not GA.is_business_day(date(2003, 11, 28))
    assert GA.add_business_days(date(2003, 11, 26), 5) == date(2003, 12, 5)


@pytest.mark.parametrize(
    ("day", "rule", "expected"),
    [
        # Saturday 2004-01-31
        (date(2004, 1, 31), Roll.none, date(2004, 1, 31)),
        (date(2004, 1, 31), Roll.following, date(2004, 2, 2)),  # Mon, the next month
        (date(2004, 1, 31), Roll.preceding, date(2004, 1, 30)),  # Fri
        # following would leave January, so modified following goes back to Fri 01-30
        (date(2004, 1, 31), Roll.modified_following, date(2004, 1, 30)),
        # Sunday 2006-08-06: following stays in August, so modified following agrees with it
        (date(2006, 8, 6), Roll.following, date(2006, 8, 7)),
        (date(2006, 8, 6), Roll.modified_following, date(2006, 8, 7)),
        (date(2006, 8, 6), Roll.preceding, date(2006, 8, 4)),
        # Thanksgiving Thu 2003-11-27: following Fri 11-28, preceding Wed 11-26
        (date(2003, 11, 27), Roll.following, date(2003, 11, 28)),
        (date(2003, 11, 27), Roll.preceding, date(2003, 11, 26)),
        (date(2003, 11, 27), Roll.none, date(2003, 11, 27)),
        # a business day is never moved
        (date(2003, 11, 26), Roll.following, date(2003, 11, 26)),
        (date(2003, 11, 26), Roll.preceding, date(2003, 11, 26)),
        (date(2003, 11, 26), Roll.modified_following, date(2003, 11, 26)),
    ],
)
def test_roll(day: date, rule: Roll, expected: date) -> None:
    assert US.roll(day, rule) == expected


def test_roll_over_a_month_end_holiday() -> None:
    # Sat 2005-12-31: Sun 1/1/06 and Mon 1/2/06 (New Year's Day observed) are closed, so
    # following is Tue 2006-01-03, in the next month; modified following is Fri 2005-12-30
    assert not US.is_business_day(date(2006, 1, 2))
    assert US.roll(date(2005, 12, 31), Roll.following) == date(2006, 1, 3)
    assert US.roll(date(2005, 12, 31), Roll.modified_following) == date(2005, 12, 30)


def test_preceding_over_a_holiday() -> None:
    # Sat 2005-01-01: New Year's Day is observed on Fri 2004-12-31, so preceding is Thu 12-30
    assert not US.is_business_day(date(2004, 12, 31))
    assert US.roll(date(2005, 1, 1), Roll.preceding) == date(2004, 12, 30)
