"""The Windham lease's rent roll and its accounting view, against figures worked out by hand.

Rentable area: 150,204 sf existing + 54,103 sf additional = 204,307 sf from April 1, 2003.
Monthly installment = round(rate x 204,307, cents) / 12, rounded half-up to cents:

    year 1  3.59 x 204,307 = 733,462.13 / 12 = 61,121.844  -> 61,121.84
    year 2  3.70 x 204,307 = 755,935.90 / 12 = 62,994.658  -> 62,994.66
    year 3  3.81 x 204,307 = 778,409.67 / 12 = 64,867.4725 -> 64,867.47
    year 4  3.92 x 204,307 = 800,883.44 / 12 = 66,740.287  -> 66,740.29
    year 5  4.04 x 204,307 = 825,400.28 / 12 = 68,783.357  -> 68,783.36
    year 6  4.16 x 204,307 = 849,917.12 / 12 = 70,826.427  -> 70,826.43

Abatements: April 2003 16,185.81; May, June and July 2003 8,092.91 each (40,464.54 in all).
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bad_input_support import check, copy_example, replace_once
from bad_input_support import run as run_cli
from conftest import EXAMPLE, Evaluate, lease_events
from pactum.evaluate import check as evaluate
from pactum.findings import ObligationCategory, Severity, Status
from pactum.findings_json import serialise
from pactum.kinds.lease.accounting import present_value, straight_line
from pactum.kinds.lease.rent_roll import rent_roll
from pactum.kinds.lease.schema import LeaseTerms
from pactum.portfolio import load_portfolio

INSTALLMENTS = {
    1: "61121.84",
    2: "62994.66",
    3: "64867.47",
    4: "66740.29",
    5: "68783.36",
    6: "70826.43",
}

# a default during June 2003, cured the same month
JUNE_DEFAULT = lease_events("2003-06-10 default", "2003-06-20 cure")


def windham_sheet() -> LeaseTerms:
    sheet = (
        load_portfolio(EXAMPLE)
        .agreements["windham-lease"]
        .clauses_of("lease")[0]
        .terms_as(LeaseTerms)
    )
    return sheet


# ---- the rent roll -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "year"),
    [
        (date(2003, 10, 15), 1),
        (date(2004, 3, 31), 1),  # the last month of lease year 1
        (date(2004, 4, 1), 2),  # the first of lease year 2
        (date(2005, 6, 30), 3),
        (date(2006, 12, 1), 4),
        (date(2007, 4, 1), 5),
        (date(2009, 3, 31), 6),  # the last month of the term
    ],
)
def test_monthly_installment_of_each_lease_year(lease: Evaluate, as_of: date, year: int) -> None:
    result = lease(as_of)
    assert serialise(result.value("base_rent")) == INSTALLMENTS[year]
    # no abatement after July 2003: the whole installment is due
    assert serialise(result.value("abatement")) == "0.00"
    assert serialise(result.value("base_rent_due")) == INSTALLMENTS[year]


@pytest.mark.parametrize(
    ("as_of", "abatement", "due"),
    [
        (date(2003, 4, 1), "16185.81", "44936.03"),  # 61,121.84 - 16,185.81
        (date(2003, 5, 31), "8092.91", "53028.93"),  # 61,121.84 - 8,092.91
        (date(2003, 6, 15), "8092.91", "53028.93"),
        (date(2003, 7, 1), "8092.91", "53028.93"),
        (date(2003, 8, 1), "0.00", "61121.84"),
    ],
)
def test_abatements(lease: Evaluate, as_of: date, abatement: str, due: str) -> None:
    result = lease(as_of)
    assert serialise(result.value("base_rent")) == "61121.84"
    assert serialise(result.value("abatement")) == abatement
    assert serialise(result.value("base_rent_due")) == due


@pytest.mark.parametrize("as_of", [date(2003, 3, 31), date(2009, 4, 1)])
def test_outside_the_term_no_rent(lease: Evaluate, as_of: date) -> None:
    # the schedule runs April 2003 to March 2009; after it the lease has ended (no values)
    result = lease(as_of)
    for value_id in ("base_rent", "base_rent_due"):
        found = next((v for v in result.values if v.id == value_id), None)
        assert found is None or found.value is None
    with pytest.raises(KeyError):
        result.value("straight_line_rent")


def test_the_whole_roll() -> None:
    roll = rent_roll(windham_sheet(), [])
    # April 2003 to March 2009: 6 x 12 = 72 months, all at 204,307 sf
    assert len(roll) == 72
    assert (roll[0].month, roll[-1].month) == (date(2003, 4, 1), date(2009, 3, 1))
    assert {line.area for line in roll} == {Decimal(204307)}
    assert [line.due.day for line in roll] == [1] * 72
    # 12 x (61,121.84 + 62,994.66 + 64,867.47 + 66,740.29 + 68,783.36 + 70,826.43)
    #   = 12 x 395,333.05 = 4,744,008.60; less 16,185.81 + 3 x 8,092.91 = 40,464.54
    assert sum(line.base_rent for line in roll) == Decimal("4744008.60")
    assert sum(line.abatement for line in roll) == Decimal("40464.54")
    assert sum(line.base_rent_due for line in roll) == Decimal("4703544.06")


# ---- straight-line rent and deferred rent ---------------------------------------------------

# 4,703,544.06 / 72 = 65,327.0008 -> 65,327.00 for months 1-71;
# March 2009 takes the remainder: 4,703,544.06 - 71 x 65,327.00 = 65,327.06


@pytest.mark.parametrize(
    ("as_of", "straight", "deferred"),
    [
        # 65,327.00 - 44,936.03
        (date(2003, 4, 30), "65327.00", "20390.97"),
        # 20,390.97 + (65,327.00 - 53,028.93)
        (date(2003, 5, 1), "65327.00", "32689.04"),
        # 9 x 65,327.00 = 587,943.00 - (44,936.03 + 3 x 53,028.93 + 5 x 61,121.84 = 509,632.02)
        (date(2003, 12, 31), "65327.00", "78310.98"),
        # after March 2009 the balance is 0: after February it is 70,826.43 - 65,327.06
        (date(2009, 2, 1), "65327.00", "5499.37"),
        (date(2009, 3, 31), "65327.06", "0.00"),
    ],
)
def test_straight_line_rent(lease: Evaluate, as_of: date, straight: str, deferred: str) -> None:
    result = lease(as_of)
    assert serialise(result.value("straight_line_rent")) == straight
    assert serialise(result.value("deferred_rent_balance")) == deferred


def test_straight_line_adds_up_to_the_payments() -> None:
    months = straight_line(rent_roll(windham_sheet(), []))
    assert len(months) == 72
    # 71 x 65,327.00 + 65,327.06 = 4,703,544.06, the scheduled payments
    assert [m.straight_line for m in months[:71]] == [Decimal("65327.00")] * 71
    assert months[-1].straight_line == Decimal("65327.06")
    assert sum(m.straight_line for m in months) == Decimal("4703544.06")
    assert months[-1].deferred_rent == Decimal("0.00")


# ---- the lease liability (present value) ----------------------------------------------------


def test_present_value_at_zero_is_the_sum_of_remaining_payments() -> None:
    pv = present_value(rent_roll(windham_sheet(), []), date(2003, 12, 31), Decimal(0))
    # due on or after 12/31/03: January 2004 on. 3 x 61,121.84 (Jan-Mar 2004) + 12 x
    # (62,994.66 + 64,867.47 + 66,740.29 + 68,783.36 + 70,826.43) = 183,365.52 + 4,010,546.52
    assert pv.payments == 3 + 5 * 12
    assert pv.valued_on == date(2004, 1, 1)
    assert pv.undiscounted == Decimal("4193912.04")
    assert pv.present_value == Decimal("4193912.04")


def test_present_value_at_twelve_percent() -> None:
    pv = present_value(rent_roll(windham_sheet(), []), date(2009, 2, 1), Decimal("0.12"))
    # February and March 2009 at 1% a month, valued on Feb 1:
    # 70,826.43 + 70,826.43 / 1.01 = 70,826.43 + 70,125.178 = 140,951.608 -> 140,951.61
    assert pv.payments == 2
    assert pv.valued_on == date(2009, 2, 1)
    assert pv.undiscounted == Decimal("141652.86")  # 2 x 70,826.43
    assert pv.present_value == Decimal("140951.61")


def test_present_value_mid_month_starts_at_the_next_due_date() -> None:
    # on 2/2/09 February's installment is paid; March's is valued on its own due date, undiscounted
    pv = present_value(rent_roll(windham_sheet(), []), date(2009, 2, 2), Decimal("0.12"))
    assert (pv.payments, pv.valued_on) == (1, date(2009, 3, 1))
    assert pv.present_value == Decimal("70826.43")


def test_present_value_after_the_term_is_nothing() -> None:
    pv = present_value(rent_roll(windham_sheet(), []), date(2009, 4, 1), Decimal("0.06"))
    assert (pv.payments, pv.valued_on) == (0, None)
    assert pv.present_value == Decimal("0.00")


# ---- obligations ---------------------------------------------------------------------------


def test_rent_obligations_for_the_year_ahead(lease: Evaluate) -> None:
    result = lease(date(2003, 12, 31))
    rent = [o for o in result.obligations if o.what.startswith("Base rent")]
    # 12/31/03 + 365 days = 12/30/04: the installments of January to December 2004
    assert [o.due for o in rent] == [date(2004, m, 1) for m in range(1, 13)]
    assert [o.amount for o in rent] == [Decimal("61121.84")] * 3 + [Decimal("62994.66")] * 9
    year_2 = [o for o in result.obligations if o.what.startswith("Lease year 2 begins")]
    assert [o.due for o in year_2] == [date(2004, 4, 1)]
    # 1/1/04 is New Year's Day: the due date is not rolled, and the note says so
    assert "not rolled" in rent[0].note


def test_expansion_critical_date(lease: Evaluate) -> None:
    result = lease(date(2003, 12, 31))
    critical = [o for o in result.obligations if o.category is ObligationCategory.option_deadline]
    # "on or before January 31, 2004", a Saturday, not rolled
    assert [o.due for o in critical] == [date(2004, 1, 31)]
    assert "Saturday" in critical[0].note
    assert result.value("option-expansion-ti_allowance-status").value == "open"
    # 1/31/04 - 12/31/03 = 31 days, within 90: a warning
    warnings = [a for a in result.alerts if a.severity is Severity.warning]
    assert any("2004-01-31" in a.message and "31 days" in a.message for a in warnings)


# ---- a default loses the month's abatement --------------------------------------------------


def test_default_in_june_loses_junes_abatement(lease: Evaluate) -> None:
    result = lease(date(2003, 6, 30), events=JUNE_DEFAULT)
    # June's 8,092.91 abatement is lost: the whole 61,121.84 is due
    assert serialise(result.value("abatement")) == "0.00"
    assert serialise(result.value("base_rent_due")) == "61121.84"
    lost = [a for a in result.alerts if a.severity is Severity.warning and "lost" in a.message]
    assert len(lost) == 1
    assert "$8,092.91" in lost[0].message and "2003-06-10" in lost[0].message
    # cured on 6/20: not in default on 6/30
    assert not [a for a in result.alerts if a.severity is Severity.critical]


def test_default_does_not_reach_the_next_month(lease: Evaluate) -> None:
    result = lease(date(2003, 7, 31), events=JUNE_DEFAULT)
    assert serialise(result.value("abatement")) == "8092.91"
    assert serialise(result.value("base_rent_due")) == "53028.93"  # 61,121.84 - 8,092.91


def test_in_default_on_the_as_of_date_is_critical(lease: Evaluate) -> None:
    result = lease(date(2003, 6, 15), events=JUNE_DEFAULT)
    critical = [a for a in result.alerts if a.severity is Severity.critical]
    assert len(critical) == 1 and "2003-06-10" in critical[0].message
    assert result.status is Status.breach
    # the cure (6/20) is not yet known on 6/15: July's abatement is lost too, as things stand
    july = next(o for o in result.obligations if o.due == date(2003, 7, 1))
    assert july.amount == Decimal("61121.84")
    assert "abatement lost" in july.note


def test_default_after_the_as_of_date_is_not_known(lease: Evaluate) -> None:
    result = lease(date(2003, 6, 5), events=JUNE_DEFAULT)
    assert serialise(result.value("abatement")) == "8092.91"
    assert serialise(result.value("base_rent_due")) == "53028.93"
    assert not [a for a in result.alerts if a.severity is Severity.critical]


def test_uncured_default_loses_every_later_abatement(lease: Evaluate) -> None:
    events = lease_events("2003-05-15 default")
    for month in (5, 6, 7):
        result = lease(date(2003, month, 28), events=events)
        assert serialise(result.value("abatement")) == "0.00"
        assert serialise(result.value("base_rent_due")) == "61121.84"
    # April (before the default) keeps its 16,185.81
    april = lease(date(2003, 4, 30), events=events)
    assert serialise(april.value("base_rent_due")) == "44936.03"


def test_an_abatement_month_given_by_a_named_date(tmp_path: Path) -> None:
    # the April abatement written as the month of a named date (the amendment's date, April
    # 4, 2003, plus one month: May 4) moves to May, which then abates 16,185.81 + 8,092.91
    folder = copy_example(tmp_path)
    sheet = folder / "agreements" / "windham-lease.yaml"
    replace_once(
        sheet,
        "calendar: {country: US, subdiv: IL}\n",
        "calendar: {country: US, subdiv: IL}\n"
        "dates:\n  abated_from: {value: 2003-04-04, assumed: a test}\n"
        "  first_abated: {after: abated_from, months: 1}\n",
    )
    replace_once(
        sheet,
        '- month: {value: 2003-04, cite: "$16,185.81 otherwise payable for April 2003", '
        'instrument: first_amendment, section: "3"}',
        "- month: first_abated",
    )
    found = evaluate(load_portfolio(folder), date(2003, 5, 1)).agreement("windham-lease")
    assert serialise(found.value("abatement")) == "24278.72"  # 16,185.81 + 8,092.91
    april = evaluate(load_portfolio(folder), date(2003, 4, 1)).agreement("windham-lease")
    assert serialise(april.value("abatement")) == "0.00"


def test_an_abatement_month_from_an_unknown_date_is_refused(tmp_path: Path) -> None:
    folder = copy_example(tmp_path)
    sheet = folder / "agreements" / "windham-lease.yaml"
    replace_once(
        sheet,
        '- month: {value: 2003-04, cite: "$16,185.81 otherwise payable for April 2003", '
        'instrument: first_amendment, section: "3"}',
        "- month: frist_abated",
    )
    result = check(folder)
    assert result.exit_code == 2
    assert "frist_abated" in result.stderr


def test_deferred_rent_counts_the_rent_paid_when_an_abatement_is_lost(lease: Evaluate) -> None:
    # June's 8,092.91 abatement lost: June pays the whole 61,121.84. Straight-line rent is the
    # term as signed (65,327.00 a month); the balance is the expense to date less what was paid:
    # after June 3 x 65,327.00 - (44,936.03 + 53,028.93 + 61,121.84) = 195,981.00 - 159,086.80
    june = lease(date(2003, 6, 30), events=JUNE_DEFAULT)
    assert serialise(june.value("straight_line_rent")) == "65327.00"
    assert serialise(june.value("deferred_rent_balance")) == "36894.20"
    # after July: 36,894.20 + 65,327.00 - 53,028.93
    july = lease(date(2003, 7, 31), events=JUNE_DEFAULT)
    assert serialise(july.value("deferred_rent_balance")) == "49192.27"


def test_rent_roll_balance_moves_by_expense_less_payment(example: Path) -> None:
    (example / "facts" / "events.yaml").write_text(JUNE_DEFAULT)
    target = example / "roll.csv"
    result = run_cli(
        "rent",
        str(example),
        "windham-lease",
        "--to",
        "2003-07",
        "--as-of",
        "2003-12-31",
        "--csv",
        str(target),
    )
    assert result.exit_code == 0, result.output
    rows = {r["month"]: r for r in csv.DictReader(target.open())}
    # May 32,689.04 (20,390.97 + 65,327.00 - 53,028.93); June + 65,327.00 - 61,121.84
    assert rows["2003-05"]["deferred_rent_balance"] == "32689.04"
    assert rows["2003-06"]["base_rent_due"] == "61121.84"
    assert rows["2003-06"]["deferred_rent_balance"] == "36894.20"
    assert rows["2003-07"]["deferred_rent_balance"] == "49192.27"
