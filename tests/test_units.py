"""The unit a sheet key declares for a count, and the unit a quote gives a number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pactum.terms.units import Unit, unit_of_key, units_written


@pytest.mark.parametrize(
    ("key", "unit"),
    [
        ("business_days", Unit.business_days),
        ("notice_business_days", Unit.business_days),
        ("banking_days", Unit.business_days),
        ("days", Unit.days),
        ("cure_days", Unit.days),
        ("max_days_past_due", Unit.days),  # the unit word need not end the key
        ("monthly_due_days_after_month_end", Unit.days),  # the first unit word counts
        ("period_months", Unit.months),
        ("volume_weeks", Unit.weeks),
        ("trailing_quarters", Unit.quarters),
        ("within_years", Unit.years),
        ("rent_due_day", None),  # a day of the month, not a count of days
        ("max_per_year", None),  # a rate
        ("amount", None),
        ("", None),
    ],
)
def test_unit_of_key(key: str, unit: Unit | None) -> None:
    assert unit_of_key(key) == unit


@pytest.mark.parametrize(
    ("value", "quote", "units"),
    [
        (5, "five (5) business days after having been deposited", {Unit.business_days}),
        (5, "5 Business Days", {Unit.business_days}),
        (5, "five banking days", {Unit.business_days}),
        (7, "seven (7) days after having been deposited", {Unit.days}),
        (30, "within 30 days versus 20 days", {Unit.days}),
        (30, "a thirty (30)-day period", {Unit.days}),
        (30, "thirty (30) consecutive calendar days", {Unit.days}),
        (15, "the fifteenth (15th) day", {Unit.days}),
        (15, "the 15th day", {Unit.days}),
        (5, "on the fifth business day after mailing", {Unit.business_days}),
        (1, "within one year from the date", {Unit.years}),
        (3, "three months", {Unit.months}),
        (4, "four (4) fiscal quarters", set()),  # "fiscal" is not a word the rule skips
        (4, "four quarters", {Unit.quarters}),
        (2, "two weeks", {Unit.weeks}),
        # no unit next to the number: the quote names none for it
        (30, "not less than 30 nor more than 60 days", set()),
        (1555, "Monthly monitoring fee of $1,555.", set()),
        # the same number twice, with two units
        (5, "5 days, or 5 business days if mailed", {Unit.days, Unit.business_days}),
        # a unit word must be a whole word
        (5, "5 dayshift workers", set()),
    ],
)
def test_units_written(value: int, quote: str, units: set[Unit]) -> None:
    assert units_written(Decimal(value), quote) == units
