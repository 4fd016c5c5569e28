"""A lease term that starts or ends mid-month: the partial month's rent is prorated as the
sheet says, rounded half-up to the cent, in `check`, `pactum rent` and the accounting figures.

The Windham sheet with Lease Year 1 starting on Tuesday, April 15, 2003 instead of April 1
(the rest unchanged): April has 16 days in the term (15 to 30) of 30.

    days_in_month  61,121.84 x 16 / 30   = 32,598.3147  -> 32,598.31
    annual_365     733,462.13 x 16 / 365 = 32,151.7646  -> 32,151.76
    April due      32,598.31 - the 16,185.81 abatement = 16,412.50, due on 4/15 (the term's first day)

Lease Year 6 ending Friday, March 20, 2009: 20 days of 31.

    days_in_month  70,826.43 x 20 / 31   = 45,694.4710  -> 45,694.47
    annual_365     849,917.12 x 20 / 365 = 46,570.8011  -> 46,570.80
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bad_input_support import assert_error, check, line_number, run
from conftest import Evaluate
from pactum.findings_json import serialise

SHEET = "agreements/windham-lease.yaml"
YEAR_1_START = (
    'start: {value: 2003-04-01, cite: "4/1/03 through the end of 1st Lease Year", '
    "instrument: first_amendment, section: Exhibit B}"
)
DUE_DAY = "    rent_due_day:\n"


def mid_april(proration: str | None) -> Callable[[str], str]:
    """The sheet edit: Lease Year 1 from April 15, 2003, prorated as given (None: unsaid)."""

    def edit(text: str) -> str:
        text = text.replace(YEAR_1_START, "start: {value: 2003-04-15, assumed: a test}")
        if proration is not None:
            text = text.replace(
                DUE_DAY,
                f"    proration: {{value: {proration}, assumed: a test}}\n{DUE_DAY}",
            )
        return text

    return edit


def mid_march_end(text: str) -> str:
    return mid_april("days_in_month")(text).replace("value: 2009-03-31\n", "value: 2009-03-20\n")


@pytest.mark.parametrize(
    ("proration", "base_rent", "due"),
    [("days_in_month", "32598.31", "16412.50"), ("annual_365", "32151.76", "15965.95")],
)
def test_first_partial_month_is_prorated(
    lease: Evaluate, proration: str, base_rent: str, due: str
) -> None:
    result = lease(date(2003, 4, 15), sheet=mid_april(proration))
    assert serialise(result.value("base_rent")) == base_rent
    assert serialise(result.value("abatement")) == "16185.81"
    assert serialise(result.value("base_rent_due")) == due
    trace = result.value("base_rent").trace
    assert trace is not None
    inputs = dict(trace.inputs)
    assert "prorated" in trace.formula
    assert inputs["days"] == "16 of 30 days in the term"
    assert inputs["proration"] == "61121.84 x 16 / 30, rounded half-up to the cent" or (
        inputs["proration"] == "733462.13 x 16 / 365, rounded half-up to the cent"
    )
    # the installment is due when the term starts, not on April 1, before it
    april = next(o for o in result.obligations if o.id == "rent-2003-04")
    assert (april.due, april.amount) == (date(2003, 4, 15), Decimal(due))


def test_a_full_month_after_it_is_not_prorated(lease: Evaluate) -> None:
    result = lease(date(2003, 5, 1), sheet=mid_april("days_in_month"))
    assert serialise(result.value("base_rent")) == "61121.84"
    trace = result.value("base_rent").trace
    assert trace is not None and "days" not in dict(trace.inputs)


@pytest.mark.parametrize(
    ("proration", "base_rent"), [("days_in_month", "45694.47"), ("annual_365", "46570.80")]
)
def test_last_partial_month_is_prorated(lease: Evaluate, proration: str, base_rent: str) -> None:
    def edit(text: str) -> str:
        text = mid_march_end(text)
        return text.replace("value: days_in_month", f"value: {proration}")

    result = lease(date(2009, 3, 20), sheet=edit)
    assert serialise(result.value("base_rent")) == base_rent
    # the last month takes the straight-line remainder: the balance closes at zero
    assert serialise(result.value("deferred_rent_balance")) == "0.00"


def test_straight_line_weighs_the_partial_month_by_days(lease: Evaluate) -> None:
    # payments as signed: 4,703,544.06 - 61,121.84 + 32,598.31 = 4,675,020.53 over
    # 71 + 16/30 months; April: 4,675,020.53 x 16 / 2146 = 34,855.697 -> 34,855.70;
    # a full month: 4,675,020.53 x 30 / 2146 = 65,354.434 -> 65,354.43
    april = lease(date(2003, 4, 30), sheet=mid_april("days_in_month"))
    assert serialise(april.value("straight_line_rent")) == "34855.70"
    assert serialise(april.value("deferred_rent_balance")) == "18443.20"  # 34,855.70 - 16,412.50
    may = lease(date(2003, 5, 31))  # the sheet as edited above
    assert serialise(may.value("straight_line_rent")) == "65354.43"


def test_rent_roll_starts_with_the_partial_month(example: Path) -> None:
    path = example / SHEET
    path.write_text(mid_april("days_in_month")(path.read_text()))
    target = example / "roll.csv"
    result = run("rent", str(example), "windham-lease", "--to", "2003-05", "--csv", str(target))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open()))
    assert [(r["month"], r["due"], r["base_rent"], r["base_rent_due"]) for r in rows] == [
        ("2003-04", "2003-04-15", "32598.31", "16412.50"),
        ("2003-05", "2003-05-01", "61121.84", "53028.93"),
        ("total", "", "93720.15", "69441.43"),  # 32,598.31 + 61,121.84; 16,412.50 + 53,028.93
    ]


def test_partial_month_without_proration_is_refused(example: Path) -> None:
    path = example / SHEET
    text = mid_april(None)(path.read_text())
    path.write_text(text)
    assert_error(
        check(example),
        example,
        SHEET,
        unit="line",
        number=line_number(text, "value: 2003-04-15"),
        field="lease.lease_years.0.start",
        found=("2003-04-15", "part of a month"),
        expected=("days_in_month", "annual_365"),
    )
