"""Dated step schedules: the value in force is the last on or before, plus perpetual steps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pactum.schedule import DatedSchedule, Every, Step

# SouthTrust's minimum tangible net worth: $32,500,000 at 3/31/03, $33,000,000 at 6/30/03 &
# 9/30/03, $34,000,000 at 12/31/03, then increasing by $250,000 per quarter.
TNW = DatedSchedule(
    entries=(
        (date(2003, 3, 31), Decimal("32500000")),
        (date(2003, 6, 30), Decimal("33000000")),
        (date(2003, 9, 30), Decimal("33000000")),
        (date(2003, 12, 31), Decimal("34000000")),
    ),
    then=Step(add=Decimal("250000"), every=Every.quarter),
)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (date(2003, 3, 30), None),  # the day before the first entry
        (date(2003, 3, 31), Decimal("32500000")),
        (date(2003, 6, 29), Decimal("32500000")),
        (date(2003, 6, 30), Decimal("33000000")),
        (date(2003, 8, 15), Decimal("33000000")),  # between 6/30 and 9/30: 6/30's level
        (date(2003, 9, 30), Decimal("33000000")),
        (date(2003, 12, 31), Decimal("34000000")),  # the last entry; no step yet
        (date(2004, 3, 30), Decimal("34000000")),  # the first step is 2004-03-31
        (date(2004, 3, 31), Decimal("34250000")),  # 34,000,000 + 1 x 250,000
        (date(2004, 6, 30), Decimal("34500000")),  # + 2 x 250,000
        # steps 3/31, 6/30, 9/30, 12/31/04: 34,000,000 + 4 x 250,000 = 35,000,000
        (date(2004, 12, 31), Decimal("35000000")),
        # five steps (2004 x 4 and 3/31/05): 34,000,000 + 5 x 250,000 = 35,250,000
        (date(2005, 3, 31), Decimal("35250000")),
    ],
)
def test_southtrust_tangible_net_worth(at: date, expected: Decimal | None) -> None:
    assert TNW.value_at(at) == expected


def test_step_dates_are_quarter_ends() -> None:
    assert TNW.step_dates_until(date(2005, 3, 31)) == [
        date(2004, 3, 31),
        date(2004, 6, 30),
        date(2004, 9, 30),
        date(2004, 12, 31),
        date(2005, 3, 31),
    ]
    assert TNW.step_dates_until(date(2003, 12, 31)) == []


def test_explain_at() -> None:
    assert TNW.explain_at(date(2003, 1, 1)) == "no value before 2003-03-31"
    assert TNW.explain_at(date(2003, 8, 15)) == "33000000 from 2003-06-30"
    assert TNW.explain_at(date(2004, 6, 30)) == (
        "34000000 from 2003-12-31, plus 250000 each quarter after 2003-12-31 (2 step(s))"
    )


def test_entries_are_sorted() -> None:
    schedule = DatedSchedule(
        entries=((date(2003, 6, 30), Decimal("2")), (date(2003, 3, 31), Decimal("1")))
    )
    assert schedule.entries[0] == (date(2003, 3, 31), Decimal("1"))
    # no perpetual step: the last value holds for ever
    assert schedule.value_at(date(2010, 1, 1)) == Decimal("2")
    assert schedule.step_dates_until(date(2010, 1, 1)) == []


def test_empty_schedule_refused() -> None:
    with pytest.raises(ValueError):
        DatedSchedule(entries=())


def test_month_end_stepping_from_february_28() -> None:
    # Feb 28, 2003 is a month end, so each quarterly step lands on a month end:
    # 2003-05-31, 2003-08-31, 2003-11-30, 2004-02-29 (leap year), 2004-05-31
    schedule = DatedSchedule(
        entries=((date(2003, 2, 28), Decimal("100")),),
        then=Step(add=Decimal("10"), every=Every.quarter),
    )
    assert schedule.step_dates_until(date(2004, 5, 31)) == [
        date(2003, 5, 31),
        date(2003, 8, 31),
        date(2003, 11, 30),
        date(2004, 2, 29),
        date(2004, 5, 31),
    ]
    assert schedule.value_at(date(2003, 5, 28)) == Decimal("100")  # not the 28th
    assert schedule.value_at(date(2003, 5, 31)) == Decimal("110")  # 100 + 10
    assert schedule.value_at(date(2004, 2, 28)) == Decimal("130")  # 100 + 3 x 10
    assert schedule.value_at(date(2004, 2, 29)) == Decimal("140")  # 100 + 4 x 10


def test_month_end_stepping_from_november_30_monthly() -> None:
    # Nov 30 is a month end: monthly steps 12/31/03, 1/31/04, 2/29/04, 3/31/04
    schedule = DatedSchedule(
        entries=((date(2003, 11, 30), Decimal("0")),),
        then=Step(add=Decimal("1"), every=Every.month),
    )
    assert schedule.value_at(date(2003, 12, 30)) == Decimal("0")
    assert schedule.value_at(date(2003, 12, 31)) == Decimal("1")
    assert schedule.value_at(date(2004, 1, 30)) == Decimal("1")
    assert schedule.value_at(date(2004, 1, 31)) == Decimal("2")
    assert schedule.value_at(date(2004, 2, 29)) == Decimal("3")
    assert schedule.value_at(date(2004, 3, 30)) == Decimal("3")
    assert schedule.value_at(date(2004, 3, 31)) == Decimal("4")


def test_mid_month_anchor_keeps_its_day() -> None:
    # Jan 30 is not a month end: steps are Feb 28 (clamped), then Mar 30, Apr 30 --
    # each counted from the anchor, so the clamp in February does not drift later steps
    schedule = DatedSchedule(
        entries=((date(2003, 1, 30), Decimal("0")),),
        then=Step(add=Decimal("1"), every=Every.month),
    )
    assert schedule.step_dates_until(date(2003, 4, 30)) == [
        date(2003, 2, 28),
        date(2003, 3, 30),
        date(2003, 4, 30),
    ]
    assert schedule.value_at(date(2003, 3, 29)) == Decimal("1")
    assert schedule.value_at(date(2003, 3, 30)) == Decimal("2")


def test_yearly_step() -> None:
    # 3,000,000 for 2003, then + 500,000 a year: 2004-12-31 -> 3,500,000; 2005-12-31 -> 4,000,000
    schedule = DatedSchedule(
        entries=((date(2003, 12, 31), Decimal("3000000")),),
        then=Step(add=Decimal("500000"), every=Every.year),
    )
    assert schedule.value_at(date(2004, 12, 30)) == Decimal("3000000")
    assert schedule.value_at(date(2004, 12, 31)) == Decimal("3500000")
    assert schedule.value_at(date(2005, 12, 31)) == Decimal("4000000")


def test_every_months() -> None:
    assert [e.months for e in (Every.month, Every.quarter, Every.year)] == [1, 3, 12]
